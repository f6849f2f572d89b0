import type { Sink, TrackedEvent } from '../core.js'
import { sinkReporter } from '../core/internal.js'

/** How `createVendorSink` loads a vendor's script, hands it each event, and how many events it holds meanwhile. */
export interface VendorSinkOptions {
  name: string
  /** Gets the vendor ready (typically by loading its script); rejects when it cannot be. */
  load: () => Promise<unknown>
  /** Hands one event to the vendor once it is ready. */
  deliver: (event: TrackedEvent) => void
  /** Events held while the vendor loads; beyond this the oldest are dropped. Default 100. */
  maxBuffered?: number
}

/**
 * The shared shape of sinks that hand events to a vendor's script: events wait (bounded) while the
 * script loads, and if it never does (an ad blocker, a timeout) the sink becomes a no-op with one
 * warning, reporting what it drops; the app and the other sinks go on.
 *
 * @example
 * const sink = createVendorSink({ name: 'hotjar', load: () => loadVendorScript(url), deliver: (event) => window.hj('event', event.name) })
 */
export function createVendorSink({ name, load, deliver, maxBuffered = 100 }: VendorSinkOptions): Sink {
  let state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle'
  const speaker = sinkReporter()
  let buffered: TrackedEvent[] = []

  const hand = (event: TrackedEvent): void => {
    try {
      deliver(event)
      speaker.report({ type: 'sent', event, sink: name })
    } catch (error) {
      speaker.log.error(`sink "${name}" failed on ${event.type} "${event.name}": ${error instanceof Error ? error.message : String(error)}`)
      speaker.report({ type: 'failed', event, sink: name, error })
    }
  }

  const start = (): void => {
    if (state !== 'idle') return
    state = 'loading'
    let loading: Promise<unknown>
    try {
      loading = load()
    } catch (error) {
      loading = Promise.reject(error)
    }
    loading.then(
      () => {
        state = 'ready'
        const waiting = buffered
        buffered = []
        waiting.forEach(hand)
      },
      (error: unknown) => {
        state = 'failed'
        speaker.log.warn(`sink "${name}" is off: ${error instanceof Error ? error.message : String(error)}. The app and the other sinks go on.`)
        for (const event of buffered) speaker.report({ type: 'dropped', event, sink: name, reason: 'vendor unavailable' })
        buffered = []
      },
    )
  }

  return {
    name,
    reportsDelivery: true,
    start(context) {
      speaker.attach(context)
      start()
    },
    discard(reason, context) {
      speaker.attach(context)
      const waiting = buffered
      buffered = []
      for (const event of waiting) speaker.report({ type: 'dropped', event, sink: name, reason })
    },
    send(events) {
      start()
      for (const event of events) {
        if (state === 'ready') hand(event)
        else if (state === 'failed') speaker.report({ type: 'dropped', event, sink: name, reason: 'vendor unavailable' })
        else if (buffered.push(event) > maxBuffered) speaker.report({ type: 'dropped', event: buffered.shift()!, sink: name, reason: 'vendor buffer full' })
      }
    },
  }
}
