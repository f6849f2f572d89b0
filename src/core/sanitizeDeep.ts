import { describeError, describeType } from './describe.js'
import { put } from './merged.js'
import { REDACTED } from './redaction.js'
import { MAX_ITEMS, MAX_VALUES, mayBeSent, type SanitizeLimits } from './sanitizeLimits.js'
import type { Properties } from './types.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

const isPlainRecord = (value: object): value is Record<string, unknown> => {
  try {
    return !Array.isArray(value)
  } catch {
    // a revoked Proxy: read (and reported) as an object that cannot be read
    return true
  }
}

/** The first `MAX_ITEMS` of an iterable (a Set, a Map's keys), without walking the rest. */
const firstItems = (items: Iterable<unknown>): unknown[] => {
  const first: unknown[] = []
  for (const item of items) if (first.push(item) >= MAX_ITEMS) break
  return first
}
/** What a value that could not be read (a throwing getter, a Proxy) is sent as. */
const UNREADABLE = '[Unreadable]'

/** `a.b` or `a[0]`, for development messages. */
const pathTo = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`)

/** Said once, at error level in production too, when a key below was renamed. */
export const RENAMED_KEYS = '"__proto__" and "constructor.prototype" keys are sent as "_proto_" and "_constructor_": strict JSON parsers refuse them'

/**
 * What a key that strict JSON parsers refuse, or that a naive merge follows into a prototype, is sent
 * as: `__proto__` always, `constructor` when its value has a `prototype`.
 */
function renamedKey(name: string, value: unknown): string | undefined {
  try {
    return name === '__proto__' || (name === 'constructor' && Object.hasOwn(value as object, 'prototype')) ? `_${name.replace(/_/g, '')}_` : undefined
  } catch {
    // not an object (hasOwn throws on null and undefined), or a Proxy that will not say
    return undefined
  }
}

/** `sanitizeProperties` for anything but a flat record of plain values: every value walked, with a budget. */
export function sanitizeDeep(input: unknown, limits: SanitizeLimits, root: string): { properties: Properties; problems: string[]; renamed: number } {
  const development = process.env.NODE_ENV !== 'production'
  const problems: string[] = []
  const ancestors: object[] = []
  let budget = MAX_VALUES
  // Declared after the constants: esbuild folds `development` only while it stays a const.
  let renamed = 0

  /** `object[key]`, or the stand-in "[Unreadable]" (and a message) when reading it throws. */
  const read = (object: object, key: string | number, path: string): unknown => {
    try {
      return (object as Record<string | number, unknown>)[key]
    } catch (error) {
      if (development) problems.push(`${pathTo(path, key)}: could not be read (${describeError(error)}), sent as "${UNREADABLE}"`)
      return UNREADABLE
    }
  }

  const clean = (value: unknown, path: string, depth: number): unknown => {
    if (--budget < 0) {
      if (development && budget === -1) problems.push(`${path}: more than ${MAX_VALUES} values in all; the rest sent as "[Too much]"`)
      return '[Too much]'
    }
    switch (typeof value) {
      case 'string': {
        const redactValue = limits.redactValue ?? String
        if (value.length <= limits.maxStringLength) return redactValue(value)
        if (development) problems.push(`${path}: string of ${value.length} characters cut to ${limits.maxStringLength}`)
        // Redacted a little past the cut, so that no secret is cut into a part that is no longer recognised.
        return `${redactValue(value.slice(0, limits.maxStringLength + 64)).slice(0, limits.maxStringLength)}…`
      }
      case 'number':
        if (mayBeSent(value, limits)) return value
        if (Number.isFinite(value)) return REDACTED
        if (development) problems.push(`${path}: ${value} is not a finite number, sent as null`)
        return null
      case 'boolean':
        return value
      case 'bigint':
        if (development) problems.push(`${path}: BigInt sent as a string`)
        return value.toString()
      case 'undefined':
        if (development) problems.push(`${path}: undefined value left out`)
        return undefined
      case 'function':
        if (development) problems.push(`${path}: function left out`)
        return undefined
      case 'symbol':
        if (development) problems.push(`${path}: symbol sent as a string`)
        return value.toString()
    }
    if (value === null) return null
    const object = value as object
    if (ancestors.includes(object)) {
      if (development) problems.push(`${path}: circular reference replaced with "[Circular]"`)
      return '[Circular]'
    }
    if (depth >= limits.maxDepth) {
      if (development) problems.push(`${path}: nested deeper than ${limits.maxDepth} levels, replaced with "[Too deep]"`)
      return '[Too deep]'
    }
    ancestors.push(object)
    try {
      if (object instanceof Date) {
        if (!Number.isNaN(object.getTime())) return object.toISOString()
        if (development) problems.push(`${path}: invalid Date sent as null`)
        return null
      }
      if (object instanceof Error) return { name: object.name, message: object.message }
      let toJSON: unknown
      try {
        toJSON = (object as { toJSON?: unknown }).toJSON
      } catch {
        // a Proxy that throws on every read: its keys are read (and reported) one by one below
      }
      if (typeof toJSON === 'function') return clean(toJSON.call(object), path, depth + 1)
      if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.constructor.name} of ${object.byteLength} bytes]`
      if (Array.isArray(object) || object instanceof Set) {
        const list = object instanceof Set ? firstItems(object) : object
        const count = Math.min(list.length, MAX_ITEMS)
        const size = object instanceof Set ? object.size : list.length
        if (development && size > count) problems.push(`${path}: ${size} items, the first ${count} kept`)
        const items: unknown[] = []
        // By index, not by iterator: a sparse array of length 1e7 costs 1,000 steps, not 1e7.
        for (let index = 0; index < count; index++) {
          const cleaned = clean(read(list, index, path), development ? pathTo(path, index) : '', depth + 1)
          items.push(cleaned === undefined ? null : cleaned)
        }
        return items
      }
      const result: Record<string, unknown> = {}
      const keys = object instanceof Map ? firstItems(object.keys()) : Object.keys(object)
      const size = object instanceof Map ? object.size : keys.length
      if (development && size > MAX_ITEMS) problems.push(`${path}: ${size} keys, the first ${MAX_ITEMS} kept`)
      for (const key of keys.slice(0, MAX_ITEMS)) {
        const name = String(key)
        const sensitivity = limits.redact?.(name) ?? 0
        const item = object instanceof Map ? object.get(key) : read(object, name, path)
        // Under a sensitive word, a boolean is never a secret, nor (but for card numbers, PINs…) a number.
        const secret = sensitivity > 0 && typeof item !== 'boolean' && (sensitivity === 2 || typeof item !== 'number')
        const cleaned = secret ? REDACTED : clean(item, development ? pathTo(path, name) : '', depth + 1)
        if (cleaned === undefined) continue
        const safe = renamedKey(name, item)
        if (safe === undefined) put(result, name, cleaned)
        else {
          renamed++
          // A key that is there already keeps its value: the renamed one is left out.
          if (!keys.includes(safe) && !Object.hasOwn(result, safe)) result[safe] = cleaned
          if (development) problems.push(`${pathTo(path, name)}: sent as "${safe}" unless that key is taken (strict JSON parsers refuse this one)`)
        }
      }
      return result
    } catch (error) {
      if (development) problems.push(`${path}: could not be read (${describeError(error)}), left out`)
      return undefined
    } finally {
      ancestors.pop()
    }
  }

  if (input === undefined || input === null) return { properties: {}, problems, renamed }
  if (typeof input !== 'object' || !isPlainRecord(input)) {
    if (development) problems.push(`${root}: expected an object, got ${describeType(input)}; sent as { value }`)
    const value = clean(input, `${root}.value`, 1)
    return { properties: value === undefined ? {} : { value }, problems, renamed }
  }
  const cleaned = clean(input, root, 0)
  return { properties: (cleaned ?? {}) as Properties, problems, renamed }
}
