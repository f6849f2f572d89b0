import { createId } from './createId.js'
import { describeError, describeType } from './describe.js'
import type { Identity } from './identity.js'
import type { TrackerSettings } from './readTrackerOptions.js'
import { assign, merged } from './merged.js'
import { RENAMED_KEYS } from './sanitizeDeep.js'
import { sanitizeProperties } from './sanitizeProperties.js'
import type { EventType, Properties, TrackedEvent } from './types.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

/** An event, and (in development) what was wrong with the input it was built from. */
export interface Envelope {
  event: TrackedEvent
  problems: string[]
}

let lastMs = Number.NaN
let lastTimestamp = ''
/** The current time as an ISO string, built once per millisecond however many events share it. */
const timestamp = (): string => {
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastTimestamp = new Date(ms).toISOString()
  }
  return lastTimestamp
}

/**
 * Builds envelopes: id, time, identity, the properties and every context read defensively
 * (sanitized, bounded, redacted), the global context, and what the enrichers add.
 */
export function envelopeBuilder(settings: TrackerSettings, warnOnce: (message: string) => void) {
  const development = process.env.NODE_ENV !== 'production'
  let renamedSaid = false
  /** Said once, at error level in production builds too: what leaves is not what the app passed. */
  const sayRenamed = (sanitized: { renamed: number }): void => {
    if (sanitized.renamed === 0 || renamedSaid) return
    renamedSaid = true
    settings.log.error(RENAMED_KEYS)
  }
  /** Any context, read as properties are: redacted, bounded, every value JSON-safe, nothing thrown. */
  const readContext = (context: object, root: string, problems: string[]): Properties => {
    const sanitized = sanitizeProperties(context, settings.limits, root)
    if (development && sanitized.problems.length > 0) problems.push(...sanitized.problems)
    sayRenamed(sanitized)
    return sanitized.properties
  }
  // A frozen context (the React bindings freeze theirs) is taken not to change: what is made from it is kept.
  const keepIfFrozen = (kept: WeakMap<object, Properties>, context: object, made: Properties): Properties => {
    try {
      if (Object.isFrozen(context)) kept.set(context, made)
    } catch {
      // a Proxy that will not say: read it again next time
    }
    return made
  }
  const enricherOutputs = new WeakMap<object, Properties>()
  // The global context and a frozen call context (the React bindings' page and section), merged once:
  // each event then gets its own copy, in one spread (V8 clones it whole) unless enrichers will add
  // keys to it: Node 20 then took ~0.8 µs for each key added to a spread's clone, so it is copied key by key.
  const mergedContexts = new WeakMap<object, Properties>()
  /** The global context with the call's context read over it. */
  const withGlobal = (type: EventType, context: unknown, problems: string[]): Properties => {
    if (context === undefined) return settings.context
    if (typeof context !== 'object' || context === null || Array.isArray(context)) {
      if (development) warnOnce(`${type}: context must be an object, got ${describeType(context)}; it was left out`)
      return settings.context
    }
    return mergedContexts.get(context) ?? keepIfFrozen(mergedContexts, context, merged(settings.context, readContext(context, 'context', problems)))
  }

  return (type: EventType, name: string, properties: unknown, context: unknown, identity: Identity): Envelope => {
    const problems: string[] = []
    const scope = withGlobal(type, context, problems)
    const sanitized = sanitizeProperties(properties, settings.limits)
    if (development && sanitized.problems.length > 0) problems.push(...sanitized.problems)
    sayRenamed(sanitized)
    const event: TrackedEvent = {
      id: createId(),
      type,
      name,
      properties: sanitized.properties,
      context: settings.enrich.length === 0 ? { ...scope } : assign({}, scope),
      timestamp: timestamp(),
      anonymousId: identity.anonymousId,
    }
    if (identity.userId !== undefined) event.userId = identity.userId
    for (const enrich of settings.enrich) {
      try {
        const added = enrich(event)
        // Onto the event's own context object, made for this event: later enrichers see what earlier ones added.
        if (added !== null && typeof added === 'object') {
          assign(event.context, enricherOutputs.get(added) ?? keepIfFrozen(enricherOutputs, added, readContext(added, 'enricher', problems)))
        }
      } catch (error) {
        settings.log.error(`an enricher threw on ${type} "${name}": ${describeError(error)}; the event goes on without it`)
      }
    }
    return { event, problems }
  }
}
