import { mayBeSent, MAX_ITEMS, type SanitizeLimits } from './sanitizeLimits.js'
import { sanitizeDeep } from './sanitizeDeep.js'
import type { Properties } from './types.js'

export type { SanitizeLimits } from './sanitizeLimits.js'

export interface Sanitized {
  properties: Properties
  /** One line per problem, naming the property path. */
  problems: readonly string[]
  /** How many `__proto__` and `constructor.prototype` keys were renamed (or left out): reported in production too. */
  renamed: number
}

const NO_PROBLEMS: readonly string[] = Object.freeze([])

/**
 * The common case, fast: a plain object of short strings, finite numbers, booleans and nulls with
 * no key to redact, copied as is. Undefined for anything else, which takes the full walk.
 */
function flatCopy(input: unknown, limits: SanitizeLimits): Properties | undefined {
  try {
    if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype) return undefined
    const copy: Properties = {}
    let count = 0
    for (const key in input) {
      const value = (input as Record<string, unknown>)[key]
      const plain = typeof value === 'string' ? value.length <= limits.maxStringLength : typeof value === 'boolean' || value === null || mayBeSent(value, limits)
      if (!plain || key === '__proto__' || ++count > MAX_ITEMS || limits.redact?.(key)) return undefined
      copy[key] = typeof value === 'string' && limits.redactValue ? limits.redactValue(value) : value
    }
    return copy
  } catch {
    // A getter or a Proxy that throws: the full walk reads it key by key.
    return undefined
  }
}

/**
 * Turns whatever the app passed as properties into plain JSON-safe data without sensitive keys
 * (see `defaultRedactedKeys`), so that no sink can be broken by it, nothing secret leaves, and later mutation by the caller cannot change a queued event.
 * Nothing here throws: every value that cannot be sent as is becomes a readable stand-in,
 * and in development a problem line (production builds keep the stand-ins and drop the messages).
 */
export function sanitizeProperties(input: unknown, limits: SanitizeLimits, root = 'properties'): Sanitized {
  const flat = flatCopy(input, limits)
  return flat ? { properties: flat, problems: NO_PROBLEMS, renamed: 0 } : sanitizeDeep(input, limits, root)
}
