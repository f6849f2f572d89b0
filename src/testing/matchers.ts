import type { EventType, Properties, TrackedEvent } from '../core.js'

/** What the matchers read events from: a test tracker, a memory sink, or an array of events. */
export type TrackedSource = { readonly events: readonly TrackedEvent[] } | readonly TrackedEvent[]

/** One expected event of `toHaveTrackedInOrder`: a name, or a name with a type and properties. */
export type ExpectedEvent = string | { name: string; type?: EventType; properties?: Properties }

interface MatcherContext {
  isNot: boolean
  equals(actual: unknown, expected: unknown): boolean
}

interface MatcherResult {
  pass: boolean
  message(): string
}

function eventsOf(received: unknown): readonly TrackedEvent[] | undefined {
  if (Array.isArray(received)) return received as TrackedEvent[]
  const events = (received as { events?: unknown } | null)?.events
  return Array.isArray(events) ? (events as TrackedEvent[]) : undefined
}

/** The tracked events as a numbered list: what a failing test needs to see. */
export function describeTracked(events: readonly TrackedEvent[]): string {
  if (events.length === 0) return 'Nothing was tracked.'
  const lines = events.map((event, index) => {
    const place = [event.context.page && `page ${event.context.page.name}`, event.context.section && `section ${event.context.section.path.join(' › ')}`]
      .filter(Boolean)
      .join(', ')
    const properties = Object.keys(event.properties).length > 0 ? ` ${JSON.stringify(event.properties)}` : ''
    return `  ${index + 1}. ${event.type} "${event.name}"${properties}${place ? ` (${place})` : ''}`
  })
  return `Tracked:\n${lines.join('\n')}`
}

function matches(context: MatcherContext, event: TrackedEvent, expected: Exclude<ExpectedEvent, string>): boolean {
  if (event.name !== expected.name) return false
  if (expected.type !== undefined && event.type !== expected.type) return false
  if (expected.properties === undefined) return true
  return Object.entries(expected.properties).every(([key, value]) => context.equals(event.properties[key], value))
}

const notASource = (received: unknown): MatcherResult => ({
  pass: false,
  message: () => `expected a test tracker, a memory sink or an array of tracked events, got ${typeof received}`,
})

const describeExpected = (expected: Exclude<ExpectedEvent, string>): string =>
  `${expected.type ?? 'an event'} "${expected.name}"${expected.properties ? ` with ${JSON.stringify(expected.properties)}` : ''}`

/**
 * Matchers for Vitest (or Jest): `expect.extend(trackingMatchers)`, done for you by importing
 * `trackplan/testing/setup` in a setup file.
 *
 * @example
 * expect(tracker).toHaveTracked('query.run', { rows: 3 })
 * expect(tracker).toHaveTrackedPage('explorer')
 * expect(tracker).toHaveTrackedInOrder(['explorer', 'run_query_button.click'])
 */
export const trackingMatchers = {
  toHaveTracked(this: MatcherContext, received: unknown, name: string, properties?: Properties): MatcherResult {
    const events = eventsOf(received)
    if (!events) return notASource(received)
    const expected = properties === undefined ? { name, type: 'track' as const } : { name, type: 'track' as const, properties }
    const pass = events.some((event) => matches(this, event, expected))
    return {
      pass,
      message: () => `expected ${pass ? 'not ' : ''}to have tracked ${describeExpected(expected)}\n${describeTracked(events)}`,
    }
  },

  toHaveTrackedPage(this: MatcherContext, received: unknown, name: string): MatcherResult {
    const events = eventsOf(received)
    if (!events) return notASource(received)
    const pass = events.some((event) => event.type === 'page' && event.name === name)
    return { pass, message: () => `expected ${pass ? 'not ' : ''}to have tracked page "${name}"\n${describeTracked(events)}` }
  },

  toHaveTrackedInOrder(this: MatcherContext, received: unknown, expected: readonly ExpectedEvent[]): MatcherResult {
    const events = eventsOf(received)
    if (!events) return notASource(received)
    const wanted = expected.map((item) => (typeof item === 'string' ? { name: item } : item))
    let next = 0
    for (const event of events) if (next < wanted.length && matches(this, event, wanted[next]!)) next++
    const pass = next === wanted.length
    const missing = wanted[next]
    return {
      pass,
      message: () =>
        pass
          ? `expected not to have tracked, in this order: ${wanted.map((item) => `"${item.name}"`).join(', ')}\n${describeTracked(events)}`
          : `expected to have tracked, in this order: ${wanted.map((item) => `"${item.name}"`).join(', ')}; ` +
            `found the first ${next}, then no ${describeExpected(missing!)}\n${describeTracked(events)}`,
    }
  },
}

export interface TrackingMatchers<R = unknown> {
  /** A `track` event with this name, and (if given) at least these properties. */
  toHaveTracked(name: string, properties?: Properties): R
  /** A `page` event with this name. */
  toHaveTrackedPage(name: string): R
  /** These events, in this order (others may come between them). */
  toHaveTrackedInOrder(expected: readonly ExpectedEvent[]): R
}
