import type { TrackedEvent } from './core.js'
import { describeTracked, trackingMatchers, type ExpectedEvent } from './testing/matchers.js'
import { storyTrackers, type TrackingParameters } from './storybook/storyTrackers.js'

export type { TrackingParameters } from './storybook/storyTrackers.js'

interface PlayContext {
  id: string
  parameters?: { tracking?: TrackingParameters }
}

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

const equals = (actual: unknown, expected: unknown): boolean => JSON.stringify(actual) === JSON.stringify(expected)

/**
 * Checks, in a play function, that the story fired the events of its `tracking.expect` parameter
 * (or `expected`), in order. Waits up to `timeoutMs` for them; throws with what was tracked if not.
 *
 * @example
 * export const Save: Story = {
 *   parameters: { tracking: { expect: ['organization_settings', 'organization_settings.saved'] } },
 *   play: async ({ canvas, ...context }) => {
 *     await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
 *     await expectTracking(context)
 *   },
 * }
 */
export async function expectTracking(context: PlayContext, expected?: readonly ExpectedEvent[], { timeoutMs = 1000 } = {}): Promise<void> {
  const wanted = expected ?? context.parameters?.tracking?.expect
  if (!wanted) throw new Error('expectTracking: no expected events (set parameters.tracking.expect or pass them)')
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const events = getTrackedEvents(context)
    const result = trackingMatchers.toHaveTrackedInOrder.call({ isNot: false, equals }, events, wanted)
    if (result.pass) return
    if (Date.now() >= deadline) throw new Error(result.message())
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export { describeTracked }
