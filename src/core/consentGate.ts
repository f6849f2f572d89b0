import type { Logger, Sink, TrackedEvent, TrackingNotice } from './types.js'

/** Events a sink holds while its consent is unknown; the oldest go first. */
const MAX_AWAITING_CONSENT = 1000

export interface ConsentGate {
  readonly consent: Readonly<Record<string, boolean>>
  /** Sends, holds or drops one event for one sink, by the consent its category has. */
  route(sink: Sink, event: TrackedEvent): void
  setConsent(categories: Record<string, boolean>): void
}

/**
 * Consent by category per sink. Without `optIn` every event goes straight through; with it, a sink's
 * events wait until its category (default "analytics") is granted, and are dropped once it is denied.
 */
export function createConsentGate(optIn: boolean, send: (sink: Sink, event: TrackedEvent) => void, notify: (notice: TrackingNotice) => void, log: Logger): ConsentGate {
  // No prototype: a category named "constructor" or "__proto__" is granted only when given.
  const consent: Record<string, boolean> = Object.create(null) as Record<string, boolean>
  const waiting = new Map<Sink, TrackedEvent[]>()
  const drop = (sink: Sink, event: TrackedEvent, reason: string): void => notify({ type: 'dropped', event, sink: sink.name, reason })

  return {
    consent,
    route(sink, event) {
      const granted = optIn ? consent[sink.consent ?? 'analytics'] : true
      if (granted) return send(sink, event)
      if (granted === false) return drop(sink, event, 'no consent')
      const held = waiting.get(sink) ?? []
      waiting.set(sink, held)
      if (held.push(event) > MAX_AWAITING_CONSENT) drop(sink, held.shift()!, 'consent buffer full')
    },
    setConsent(categories) {
      // Read defensively, each entry once: a throwing getter or Proxy costs that entry, never the app.
      const unreadable = (): void => log.error('setConsent: unreadable categories skipped')
      let keys: string[] = []
      try {
        keys = Object.keys(categories)
      } catch {
        unreadable()
      }
      for (const category of keys) {
        try {
          const granted: unknown = categories[category]
          if (typeof granted === 'boolean') consent[category] = granted
        } catch {
          unreadable()
        }
      }
      for (const [sink, held] of waiting) {
        const granted = consent[sink.consent ?? 'analytics']
        if (granted === undefined) continue
        waiting.delete(sink)
        for (const event of held) {
          if (granted) send(sink, event)
          else drop(sink, event, 'no consent')
        }
      }
    },
  }
}
