import { expect as storybookExpect } from 'storybook/test'
import type { TrackedEvent } from './core.js'
import { describeTracked, trackingMatchers, type ExpectedEvent, type TrackingMatchers } from './testing/internal.js'
import { settled } from './storybook/settled.js'
import { storyTrackers, type TrackingParameters } from './storybook/storyTrackers.js'

export type { TrackingParameters } from './storybook/storyTrackers.js'

interface PlayContext {
  id: string
  parameters?: { tracking?: TrackingParameters }
}

// Storybook's own, instrumented expect: each expectTracking shows as one step in the Interactions panel.
storybookExpect.extend(trackingMatchers)
const expectStep = storybookExpect as unknown as (events: TrackedEvent[]) => TrackingMatchers<void>

/**
 * The events the story has tracked so far, oldest first.
 *
 * @example
 * play: async ({ canvas, ...context }) => {
 *   await userEvent.click(canvas.getByRole('button'))
 *   expect(getTrackedEvents(context).map((event) => event.name)).toContain('run_query_button.click')
 * }
 */
export function getTrackedEvents(context: PlayContext): TrackedEvent[] {
  return [...(storyTrackers().get(context.id)?.events ?? [])]
}

/**
 * Checks, in a play function, that the story fired the events of its `tracking.expect` parameter
 * (or `expected`), in order, with properties compared as `toHaveTrackedInOrder` does (asymmetric
 * matchers included). Waits up to `timeoutMs` for them, then checks once with Storybook's `expect`,
 * so the check is a step of the Interactions panel and a failure there shows what was tracked.
 *
 * @example
 * export const Save: Story = {
 *   parameters: { tracking: { expect: [PageName.ORGANIZATION_SETTINGS, EventName.SETTINGS_SAVED] } satisfies TrackingParameters },
 *   play: async ({ canvas, ...context }) => {
 *     await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
 *     await expectTracking(context)
 *   },
 * }
 */
export async function expectTracking(context: PlayContext, expected?: readonly ExpectedEvent[], { timeoutMs = 1000 } = {}): Promise<void> {
  const wanted = expected ?? context.parameters?.tracking?.expect
  if (!wanted) throw new Error('expectTracking: no expected events (set parameters.tracking.expect or pass them)')
  await settled(() => getTrackedEvents(context), wanted, timeoutMs)
  expectStep(getTrackedEvents(context)).toHaveTrackedInOrder(wanted)
}

export { describeTracked }
