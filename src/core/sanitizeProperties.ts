import { describeError, describeType } from './describe.js'
import { REDACTED } from './redaction.js'
import type { Properties } from './types.js'

export interface SanitizeLimits {
  /** Longer strings are cut to this many characters. */
  maxStringLength: number
  /** Deeper values are replaced with "[Too deep]". */
  maxDepth: number
  /** Keys whose values are replaced with "[REDACTED]", at any depth. */
  redact?: ((key: string) => boolean) | undefined
}

export interface Sanitized {
  properties: Properties
  /** One line per problem, naming the property path. */
  problems: readonly string[]
}

const isPlainRecord = (value: object): value is Record<string, unknown> => !Array.isArray(value)

const NO_PROBLEMS: readonly string[] = Object.freeze([])

/**
 * The common case, fast: a plain object of short strings, finite numbers, booleans and nulls with
 * no key to redact, copied as is. Undefined for anything else, which takes the full walk.
 */
function flatCopy(input: unknown, limits: SanitizeLimits): Properties | undefined {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return undefined
  const copy: Properties = {}
  for (const key in input) {
    const value = (input as Record<string, unknown>)[key]
    const plain = typeof value === 'string' ? value.length <= limits.maxStringLength : typeof value === 'boolean' || value === null || Number.isFinite(value)
    if (!plain || limits.redact?.(key)) return undefined
    copy[key] = value
  }
  return copy
}

// Written out at each use so that bundlers drop the messages from production builds.
declare const process: { env: { NODE_ENV?: string } }

/** `a.b` or `a[0]`, for development messages; production builds keep no paths. */
const pathTo = (path: string, key: string | number): string =>
  process.env.NODE_ENV !== 'production' ? (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`) : ''

/**
 * Turns whatever the app passed as properties into plain JSON-safe data without sensitive keys
 * (see `defaultRedactedKeys`), so that no sink can be broken by it, nothing secret leaves, and later mutation by the caller cannot change a queued event.
 * Nothing here throws: every value that cannot be sent as is becomes a readable stand-in,
 * and in development a problem line (production builds keep the stand-ins and drop the messages).
 */
export function sanitizeProperties(input: unknown, limits: SanitizeLimits): Sanitized {
  const flat = flatCopy(input, limits)
  if (flat) return { properties: flat, problems: NO_PROBLEMS }
  const problems: string[] = []
  const ancestors: object[] = []

  const clean = (value: unknown, path: string, depth: number): unknown => {
    switch (typeof value) {
      case 'string':
        if (value.length <= limits.maxStringLength) return value
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: string of ${value.length} characters cut to ${limits.maxStringLength}`)
        return `${value.slice(0, limits.maxStringLength)}…`
      case 'number':
        if (Number.isFinite(value)) return value
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: ${value} is not a finite number, sent as null`)
        return null
      case 'boolean':
        return value
      case 'bigint':
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: BigInt sent as a string`)
        return value.toString()
      case 'undefined':
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: undefined value left out`)
        return undefined
      case 'function':
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: function left out`)
        return undefined
      case 'symbol':
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: symbol sent as a string`)
        return value.toString()
    }
    if (value === null) return null
    const object = value as object
    if (ancestors.includes(object)) {
      if (process.env.NODE_ENV !== 'production') problems.push(`${path}: circular reference replaced with "[Circular]"`)
      return '[Circular]'
    }
    if (depth >= limits.maxDepth) {
      if (process.env.NODE_ENV !== 'production') problems.push(`${path}: nested deeper than ${limits.maxDepth} levels, replaced with "[Too deep]"`)
      return '[Too deep]'
    }
    ancestors.push(object)
    try {
      if (object instanceof Date) {
        if (!Number.isNaN(object.getTime())) return object.toISOString()
        if (process.env.NODE_ENV !== 'production') problems.push(`${path}: invalid Date sent as null`)
        return null
      }
      if (object instanceof Error) return { name: object.name, message: object.message }
      const toJSON = (object as { toJSON?: unknown }).toJSON
      if (typeof toJSON === 'function') return clean(toJSON.call(object), path, depth + 1)
      if (Array.isArray(object) || object instanceof Set) {
        const items: unknown[] = []
        let index = 0
        for (const item of object as Iterable<unknown>) {
          const cleaned = clean(item, pathTo(path, index++), depth + 1)
          items.push(cleaned === undefined ? null : cleaned)
        }
        return items
      }
      const entries: Iterable<[unknown, unknown]> =
        object instanceof Map ? object : Object.entries(object as Record<string, unknown>)
      const result: Record<string, unknown> = {}
      for (const [key, item] of entries) {
        const name = String(key)
        const cleaned = limits.redact?.(name) ? REDACTED : clean(item, pathTo(path, name), depth + 1)
        if (cleaned !== undefined) result[name] = cleaned
      }
      return result
    } catch (error) {
      if (process.env.NODE_ENV !== 'production') problems.push(`${path}: could not be read (${describeError(error)}), left out`)
      return undefined
    } finally {
      ancestors.pop()
    }
  }

  if (input === undefined || input === null) return { properties: {}, problems }
  if (typeof input !== 'object' || !isPlainRecord(input)) {
    if (process.env.NODE_ENV !== 'production') problems.push(`properties: expected an object, got ${describeType(input)}; sent as { value }`)
    const value = clean(input, 'properties.value', 1)
    return { properties: value === undefined ? {} : { value }, problems }
  }
  const cleaned = clean(input, 'properties', 0)
  return { properties: (cleaned ?? {}) as Properties, problems }
}
