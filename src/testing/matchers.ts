import type { Properties, RegisteredEventName, RegisteredPageName, TrackedEvent } from '../core.js'
import {
  describeExpectation,
  meets,
  printValue,
  projected,
  toExpectation,
  type Equals,
  type Expectation,
  type ExpectedEvent,
  type PartialProperties,
  type PropertiesOf,
} from './expectedEvents.js'

export type { ExpectedEvent, ExpectedPage, ExpectedTrack, PartialProperties, PropertiesOf } from './expectedEvents.js'

/** What the matchers read events from: a test tracker, a memory sink, or an array of events. */
export type TrackedSource = { readonly events: readonly TrackedEvent[] } | readonly TrackedEvent[]

/** The part of Vitest's (or Jest's) matcher context the matchers use. */
interface MatcherContext {
  isNot: boolean
  equals(actual: unknown, expected: unknown, customTesters?: unknown[]): boolean
  customTesters?: unknown[]
  utils?: { diff?(expected: unknown, actual: unknown): string | null | undefined }
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
    const place = [event.context?.page && `page ${String(event.context.page.name)}`, event.context?.section?.path && `section ${event.context.section.path.join(' › ')}`]
      .filter(Boolean)
      .join(', ')
    const properties = event.properties && Object.keys(event.properties).length > 0 ? ` ${printValue(event.properties)}` : ''
    return `  ${index + 1}. ${event.type} "${event.name}"${properties}${place ? ` (${place})` : ''}`
  })
  return `Tracked:\n${lines.join('\n')}`
}

const equalsOf = (context: MatcherContext): Equals => (actual, expected) => context.equals(actual, expected, context.customTesters)

const notASource = (received: unknown): MatcherResult => ({
  pass: false,
  message: () => `expected a test tracker, a memory sink or an array of tracked events, got ${received === null ? 'null' : typeof received}`,
})

/** The diff between what was expected of the properties and the nearest event of that name, in the runner's own format. */
function propertiesDiff(context: MatcherContext, events: readonly TrackedEvent[], expected: Expectation): string {
  if (expected.properties === undefined || !context.utils?.diff) return ''
  let nearest: TrackedEvent | undefined
  for (const event of events) if (event.name === expected.name && (expected.type === undefined || event.type === expected.type)) nearest = event
  if (!nearest) return ''
  const actual = expected.whole ? nearest.properties : projected(nearest.properties, expected.properties)
  const diff = context.utils.diff(expected.properties, actual)
  return diff ? `\n\nProperties of the last ${nearest.type} "${nearest.name}":\n${diff}` : ''
}

const times = (count: number): string => (count === 1 ? 'once' : `${count} times`)

/** Checks how many events meet `expected`: at least one, or exactly `wanted`. */
function counted(context: MatcherContext, received: unknown, expected: Expectation, wanted?: number): MatcherResult {
  const events = eventsOf(received)
  if (!events) return notASource(received)
  if (wanted !== undefined && !(Number.isInteger(wanted) && wanted >= 0)) {
    return { pass: false, message: () => `expected the number of times to be a whole number of 0 or more, got ${printValue(wanted)}` }
  }
  const equals = equalsOf(context)
  const count = events.reduce((sum, event) => (meets(event, expected, equals) ? sum + 1 : sum), 0)
  const pass = wanted === undefined ? count > 0 : count === wanted
  const what = describeExpectation(expected)
  return {
    pass,
    message: () => {
      const head =
        wanted === undefined
          ? `expected ${pass ? 'not ' : ''}to have tracked ${what}${pass ? `, but it was tracked ${times(count)}` : ''}`
          : `expected ${pass ? 'not ' : ''}to have tracked ${what} exactly ${times(wanted)}, and it was tracked ${count === 0 ? 'never' : times(count)}`
      return `${head}${pass ? '' : propertiesDiff(context, events, expected)}\n\n${describeTracked(events)}`
    },
  }
}

const track = (name: string, properties: unknown, whole = false): Expectation =>
  properties === undefined ? { name, type: 'track' } : { name, type: 'track', properties, whole }

/**
 * Matchers for Vitest (or Jest): `expect.extend(trackingMatchers)`, done for you by importing
 * `trackplan/testing/setup` in a setup file. Properties compare as Vitest's `toMatchObject` does
 * (the keys given, at any depth) except in `toHaveTrackedWith`, which compares them whole, as
 * `toEqual` does. Asymmetric matchers fit anywhere.
 *
 * @example
 * expect(tracker).toHaveTracked(EventName.QUERY_RUN, { rows: expect.any(Number) })
 * expect(tracker).toHaveTrackedOnce(EventName.RUN_QUERY_BUTTON_CLICKED)
 * expect(tracker).toHaveTrackedPage(PageName.EXPLORER)
 * expect(tracker).toHaveTrackedInOrder([PageName.EXPLORER, EventName.RUN_QUERY_BUTTON_CLICKED])
 */
export const trackingMatchers = {
  /** Passes when the tracker tracked the event, with these properties among its own. */
  toHaveTracked(this: MatcherContext, received: unknown, name: string, properties?: unknown): MatcherResult {
    return counted(this, received, track(name, properties))
  },
  /** Passes when it tracked the event exactly once. */
  toHaveTrackedOnce(this: MatcherContext, received: unknown, name: string, properties?: unknown): MatcherResult {
    return counted(this, received, track(name, properties), 1)
  },
  /** Passes when it tracked the event exactly `count` times. */
  toHaveTrackedTimes(this: MatcherContext, received: unknown, name: string, count: number, properties?: unknown): MatcherResult {
    return counted(this, received, track(name, properties), count)
  },
  /** Passes when it tracked the event with exactly these properties. */
  toHaveTrackedWith(this: MatcherContext, received: unknown, name: string, properties: unknown): MatcherResult {
    return counted(this, received, track(name, properties, true))
  },
  /** Passes when it tracked a view of the page. */
  toHaveTrackedPage(this: MatcherContext, received: unknown, name: string, properties?: unknown): MatcherResult {
    return counted(this, received, properties === undefined ? { name, type: 'page' } : { name, type: 'page', properties })
  },
  /** Passes when it tracked the page exactly `count` times. */
  toHaveTrackedPageTimes(this: MatcherContext, received: unknown, name: string, count: number): MatcherResult {
    return counted(this, received, { name, type: 'page' }, count)
  },

  /** Passes when it tracked these events and pages in this order, others between them allowed. */
  toHaveTrackedInOrder(this: MatcherContext, received: unknown, expected: readonly ExpectedEvent[]): MatcherResult {
    const events = eventsOf(received)
    if (!events) return notASource(received)
    if (!Array.isArray(expected)) return { pass: false, message: () => `expected a list of expected events, got ${printValue(expected)}` }
    const equals = equalsOf(this)
    const wanted = expected.map(toExpectation)
    let next = 0
    for (const event of events) if (next < wanted.length && meets(event, wanted[next]!, equals)) next++
    const pass = next === wanted.length
    const list = wanted.map((item) => `"${item.name}"`).join(', ')
    return {
      pass,
      message: () =>
        pass
          ? `expected not to have tracked, in this order: ${list}\n\n${describeTracked(events)}`
          : `expected to have tracked, in this order: ${list}; found the first ${next}, then no ${describeExpectation(wanted[next]!)}` +
            `${propertiesDiff(this, events.slice(next), wanted[next]!)}\n\n${describeTracked(events)}`,
    }
  },
}

/** The matchers' types, checked against the Register: a misspelt name or a wrong property does not compile. */
export interface TrackingMatchers<R = unknown> {
  /** A `track` event with this name, at least once; with properties, one that has at least these (at any depth). */
  toHaveTracked<Name extends RegisteredEventName>(name: Name, properties?: PartialProperties<PropertiesOf<Name>>): R
  /** Exactly one such `track` event. */
  toHaveTrackedOnce<Name extends RegisteredEventName>(name: Name, properties?: PartialProperties<PropertiesOf<Name>>): R
  /** Exactly `count` such `track` events; 0 for never. */
  toHaveTrackedTimes<Name extends RegisteredEventName>(name: Name, count: number, properties?: PartialProperties<PropertiesOf<Name>>): R
  /** A `track` event with this name whose properties equal these, whole (as `toEqual` compares). */
  toHaveTrackedWith<Name extends RegisteredEventName>(name: Name, properties: PropertiesOf<Name>): R
  /** A `page` event with this name; with properties, one that has at least these. */
  toHaveTrackedPage(name: RegisteredPageName, properties?: Properties): R
  /** Exactly `count` `page` events with this name. */
  toHaveTrackedPageTimes(name: RegisteredPageName, count: number): R
  /** These events, in this order (others may come between them). */
  toHaveTrackedInOrder(expected: readonly ExpectedEvent[]): R
}
