import { sinkReporter } from './sinkReporter.js'
import type { Sink, SinkContext, TrackedEvent } from './types.js'

/** Which events a sink receives: names to allow or deny, or a predicate. */
export type EventFilter = { allow: readonly string[] } | { deny: readonly string[] } | ((event: TrackedEvent) => boolean)

/** What `withRouting` gives a sink: a filter, a transform, a sample rate and a consent category. */
export interface RoutingOptions {
  /** Which events this sink gets: an allow-list or deny-list of names, or a predicate. */
  filter?: EventFilter
  /** Reshapes each event for this destination; null drops it. */
  transform?: (event: TrackedEvent) => TrackedEvent | null
  /** Share of users (0 to 1) whose events this sink gets, chosen by anonymous id so a user is in or out for good. */
  sampleRate?: number
  /** The consent category this sink needs, with `createTracker({ consent: 'opt-in' })`. */
  consent?: string
}

/** FNV-1a: a stable number in [0, 1) for a string. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) / 0x100000000
}

function passes(filter: EventFilter | undefined, event: TrackedEvent): boolean {
  if (!filter) return true
  if (typeof filter === 'function') return filter(event)
  return 'allow' in filter ? filter.allow.includes(event.name) : !filter.deny.includes(event.name)
}

/**
 * Gives a sink its own filter, transform, sampling and consent category: Open edX's allow-listed
 * subset for Segment, Open edX's legacy reshaping, a 10% sample for an expensive tool. Events
 * left out are reported as `skipped` with the reason.
 *
 * @example
 * createTracker({
 *   sinks: [
 *     httpSink({ url: '/collect' }),
 *     withRouting(segmentSink({ writeKey }), { filter: { allow: [EventName.SIGNUP_COMPLETED] }, consent: 'marketing' }),
 *   ],
 * })
 */
export function withRouting(sink: Sink, options: RoutingOptions): Sink {
  const speaker = sinkReporter()
  const rate = typeof options.sampleRate === 'number' ? Math.min(1, Math.max(0, options.sampleRate)) : 1
  const skip = (event: TrackedEvent, reason: 'filtered' | 'sampled-out'): void => speaker.report({ type: 'skipped', event, reason, sink: sink.name })

  const routed: Sink = {
    name: sink.name,
    reportsDelivery: true,
    start(context: SinkContext) {
      speaker.attach(context)
      sink.start?.(context)
    },
    send(events) {
      const kept: TrackedEvent[] = []
      for (const event of events) {
        if (!passes(options.filter, event)) skip(event, 'filtered')
        else if (rate < 1 && unitHash(`${event.anonymousId}:${sink.name}`) >= rate) skip(event, 'sampled-out')
        else {
          const shaped = options.transform ? options.transform(event) : event
          if (shaped) kept.push(shaped)
          else skip(event, 'filtered')
        }
      }
      if (kept.length === 0) return
      const result = sink.send(kept)
      if (sink.reportsDelivery) return result
      const sent = (): void => kept.forEach((event) => speaker.report({ type: 'sent', event, sink: sink.name }))
      if (result && typeof result.then === 'function') return result.then(sent)
      sent()
    },
  }
  if (sink.flush) routed.flush = (flushOptions) => sink.flush!(flushOptions)
  if (sink.close) routed.close = () => sink.close!()
  if (sink.discard) routed.discard = (reason, context) => sink.discard!(reason, context)
  const consent = options.consent ?? sink.consent
  return consent === undefined ? routed : { ...routed, consent }
}
