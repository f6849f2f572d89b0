import { describeError } from './describe.js'
import type { Logger, Sink, SinkContext, TrackedEvent, TrackingNotice } from './types.js'

/** Events a sink holds while its consent is unknown; the oldest go first. */
const MAX_AWAITING_CONSENT = 1000

export interface ConsentGate {
  readonly consent: Readonly<Record<string, boolean>>
  /** Sends, holds or drops one event for one sink, by the consent its category has. */
  route(sink: Sink, event: TrackedEvent): void
  /** Whether a sink was started: with opt-in, only once its category is granted. */
  isStarted(sink: Sink): boolean
  setConsent(categories: Record<string, boolean>): void
}

export interface ConsentGateParts {
  optIn: boolean
  sinks: readonly Sink[]
  /** What every sink is started with. */
  context: SinkContext
  send(sink: Sink, event: TrackedEvent): void
  notify(notice: TrackingNotice): void
  log: Logger
}

/**
 * Consent by category per sink. Without `optIn` every sink starts at once and every event goes
 * straight through. With it, a sink does nothing until its category (default "analytics") is
 * granted: it is not started (no vendor script, no stored events sent) and its events wait. A
 * denial drops them, and asks the sink to discard what it holds, in memory and in storage.
 */
export function createConsentGate({ optIn, sinks, context, send, notify, log }: ConsentGateParts): ConsentGate {
  // No prototype: a category named "constructor" or "__proto__" is granted only when given.
  const consent: Record<string, boolean> = Object.create(null) as Record<string, boolean>
  const waiting = new Map<Sink, TrackedEvent[]>()
  const started = new Set<Sink>()
  const categoryOf = (sink: Sink): string => (optIn ? (sink.consent ?? 'analytics') : '')
  const drop = (sink: Sink, event: TrackedEvent, reason: string): void => notify({ type: 'dropped', event, sink: sink.name, reason })
  /** What a sink does before any event (a vendor script, stored events sent) waits for consent too. */
  const open = (sink: Sink): void => {
    if (started.has(sink)) return
    started.add(sink)
    try {
      sink.start?.(context)
    } catch (error) {
      log.error(`sink "${sink.name}" failed to start: ${describeError(error)}`)
    }
  }

  const discard = (sink: Sink): void => {
    for (const event of waiting.get(sink) ?? []) drop(sink, event, 'no consent')
    waiting.delete(sink)
    try {
      sink.discard?.('no consent', context)
    } catch (error) {
      log.error(`sink "${sink.name}" failed to discard: ${describeError(error)}`)
    }
  }

  if (!optIn) sinks.forEach(open)

  return {
    consent,
    isStarted: (sink) => started.has(sink),
    route(sink, event) {
      const granted = optIn ? consent[categoryOf(sink)] : true
      if (granted) return send(sink, event)
      if (granted === false) return drop(sink, event, 'no consent')
      const held = waiting.get(sink) ?? []
      waiting.set(sink, held)
      if (held.push(event) > MAX_AWAITING_CONSENT) drop(sink, held.shift()!, 'consent buffer full')
    },
    setConsent(categories) {
      // Read defensively, each entry once: a throwing getter or Proxy costs that entry, never the app.
      const unreadable = (): void => log.error('setConsent: unreadable categories skipped')
      const changed = new Set<string>()
      let keys: string[] = []
      try {
        keys = Object.keys(categories)
      } catch {
        unreadable()
      }
      for (const category of keys) {
        try {
          const granted: unknown = categories[category]
          if (typeof granted === 'boolean' && consent[category] !== granted) {
            consent[category] = granted
            changed.add(category)
          }
        } catch {
          unreadable()
        }
      }
      if (!optIn) return
      for (const sink of sinks) {
        const category = categoryOf(sink)
        if (!changed.has(category)) continue
        if (!consent[category]) {
          discard(sink)
          continue
        }
        open(sink)
        const held = waiting.get(sink) ?? []
        waiting.delete(sink)
        for (const event of held) send(sink, event)
      }
    },
  }
}
