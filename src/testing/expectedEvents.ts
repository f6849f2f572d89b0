import type { Properties, RegisteredEventName, RegisteredEventProperties, RegisteredPageName, TrackedEvent } from '../core.js'

/** The properties the Register gives an event name, or any properties for a name it does not describe. */
export type PropertiesOf<Name> = Name extends keyof RegisteredEventProperties ? RegisteredEventProperties[Name] : Properties

/**
 * Part of an event's properties, at any depth. Asymmetric matchers (`expect.any(Number)`,
 * `expect.stringMatching(…)`) fit anywhere, the whole properties included.
 */
export type PartialProperties<P> = P extends readonly unknown[] ? P : P extends object ? { [K in keyof P]?: PartialProperties<P[K]> } : P

/** One expected track event: a registered name and, if given, part of its properties. */
export type ExpectedTrack = {
  [Name in RegisteredEventName]: { name: Name; type?: 'track'; properties?: PartialProperties<PropertiesOf<Name>> }
}[RegisteredEventName]

/** One expected page event. */
export interface ExpectedPage {
  name: RegisteredPageName
  type: 'page'
  properties?: Properties
}

/** One expected event of `toHaveTrackedInOrder` and `expectTracking`: a name, or a name with a type and part of its properties. */
export type ExpectedEvent = RegisteredEventName | RegisteredPageName | ExpectedTrack | ExpectedPage

/** What every matcher checks an event against. */
export interface Expectation {
  name: string
  type?: 'track' | 'page' | undefined
  properties?: unknown
  /** Compare the whole properties (`toHaveTrackedWith`) rather than the ones given. */
  whole?: boolean
}

export type Equals = (actual: unknown, expected: unknown) => boolean

export const isAsymmetricMatcher = (value: unknown): value is { asymmetricMatch(other: unknown): boolean; toString(): string } =>
  typeof value === 'object' && value !== null && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function'

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

/**
 * Whether `actual` holds `expected`, as `toMatchObject` reads it: the keys given, at any depth;
 * arrays element by element and of the same length; everything else (asymmetric matchers included)
 * by the test runner's own equality.
 */
export function holds(actual: unknown, expected: unknown, equals: Equals): boolean {
  if (isAsymmetricMatcher(expected)) return equals(actual, expected)
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => holds(actual[index], item, equals))
  }
  if (isPlainObject(expected)) {
    if (typeof actual !== 'object' || actual === null) return false
    const record = actual as Record<string, unknown>
    return Object.keys(expected).every((key) => Object.hasOwn(record, key) && holds(record[key], expected[key], equals))
  }
  return equals(actual, expected)
}

/** `actual` cut down to the keys `expected` names, so that a diff shows only what was compared. */
export function projected(actual: unknown, expected: unknown): unknown {
  if (isAsymmetricMatcher(expected) || !isPlainObject(expected) || !isPlainObject(actual)) return actual
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(actual)) result[key] = Object.hasOwn(expected, key) ? projected(actual[key], expected[key]) : actual[key]
  for (const key of Object.keys(result)) if (!Object.hasOwn(expected, key)) delete result[key]
  return result
}

export const toExpectation = (item: ExpectedEvent): Expectation => (typeof item === 'string' ? { name: item } : item)

/** Whether one event meets an expectation. */
export function meets(event: TrackedEvent, expected: Expectation, equals: Equals): boolean {
  if (event.name !== expected.name) return false
  if (expected.type !== undefined && event.type !== expected.type) return false
  if (expected.properties === undefined) return true
  return expected.whole ? equals(event.properties, expected.properties) : holds(event.properties, expected.properties, equals)
}

interface AsymmetricMatcher {
  toString(): string
  toAsymmetricMatcher?(): string
  sample?: unknown
}

/** As Vitest prints them: `Any<Number>`, `StringMatching /x/`, `ObjectContaining {"a":1}`. */
function printMatcher(matcher: AsymmetricMatcher): string {
  const name = matcher.toAsymmetricMatcher?.() ?? matcher.toString()
  if (!('sample' in matcher) || name.includes('<')) return name
  return `${name} ${matcher.sample instanceof RegExp ? String(matcher.sample) : printValue(matcher.sample)}`
}

/** A value as a test failure shows it: JSON, with asymmetric matchers by their own name. */
export function printValue(value: unknown): string {
  const matchers: string[] = []
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (!isAsymmetricMatcher(item)) return typeof item === 'bigint' ? `${item}n` : item
    matchers.push(printMatcher(item as AsymmetricMatcher))
    return `\u0000${matchers.length - 1}\u0000`
  })
  return (json ?? String(value)).replace(/"\\u0000(\d+)\\u0000"/g, (_match, index: string) => matchers[Number(index)]!)
}

/** An expectation in words: `track "query.run" with properties containing {"rows":4}`. */
export function describeExpectation({ name, type, properties, whole }: Expectation): string {
  const what = `${type ?? 'an event'} "${name}"`
  if (properties === undefined) return what
  return `${what} with ${whole ? 'properties equal to' : 'properties containing'} ${printValue(properties)}`
}
