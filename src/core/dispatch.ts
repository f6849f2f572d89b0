import { createConsentGate } from './consentGate.js'
import { allows } from './createLogger.js'
import { describeError, describeType } from './describe.js'
import type { TrackerSettings } from './readTrackerOptions.js'
import type { FlushResult, Sink, SinkContext, TrackedEvent, TrackingListener, TrackingNotice } from './types.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

/**
 * Hands events to sinks, each isolated from the others, through the consent gate, and tells
 * `subscribe` listeners everything that happens to them.
 */
export function createDispatch(settings: TrackerSettings, warnOnce: (message: string) => void) {
  const development = process.env.NODE_ENV !== 'production'
  const { log, sinks, dryRun } = settings
  const listeners = new Set<TrackingListener>()
  /** Sends whose promise has not settled, each to say whether it delivered: `flush()` waits for them. */
  const pending = new Set<Promise<boolean>>()

  const notify = (notice: TrackingNotice): void => {
    for (const listener of listeners) {
      try {
        listener(notice)
      } catch (error) {
        log.error(`a subscribe listener threw on "${notice.type}": ${describeError(error)}`)
      }
    }
  }

  const sinkFailed = (sink: Sink, event: TrackedEvent, error: unknown): void => {
    log.error(`sink "${sink.name}" failed on ${event.type} "${event.name}": ${describeError(error)}`)
    notify({ type: 'failed', event, sink: sink.name, error })
  }

  const sendTo = (sink: Sink, event: TrackedEvent): void => {
    try {
      const result = sink.send([event])
      if (result && typeof result.then === 'function') {
        const settled = result.then(
          () => {
            if (!sink.reportsDelivery) notify({ type: 'sent', event, sink: sink.name })
            return true
          },
          (error: unknown) => {
            sinkFailed(sink, event, error)
            return false
          },
        )
        pending.add(settled)
        void settled.finally(() => pending.delete(settled))
      } else if (!sink.reportsDelivery && listeners.size > 0) {
        notify({ type: 'sent', event, sink: sink.name })
      }
    } catch (error) {
      sinkFailed(sink, event, error)
    }
  }

  const sinkContext: SinkContext = {
    log,
    report: notify,
    get listening() {
      return listeners.size > 0
    },
  }
  // A disabled tracker starts no sink; with opt-in consent, a sink starts once its category is granted.
  const gate = createConsentGate({ optIn: settings.optIn, sinks: settings.enabled ? sinks : [], context: sinkContext, send: sendTo, notify, log })

  return {
    notify,
    gate,
    /** An event built and checked: reported, then sent to every sink (or, in a dry run, only logged). */
    deliver(event: TrackedEvent, problems: readonly string[]): void {
      // Problems are found in development, and in production only by a tracker asked to validate there.
      if (problems.length > 0) {
        warnOnce(`${event.type} "${event.name}": ${problems.join('; ')}`)
        notify({ type: 'invalid', problems: [...problems], event })
      }
      if (listeners.size > 0) notify({ type: 'tracked', event })
      if (dryRun) {
        log.info(`dry run, not sent: ${event.type} "${event.name}"`, event)
        return notify({ type: 'skipped', event, reason: 'dry-run' })
      }
      if (allows(log.level, 'debug')) log.debug(`${event.type} "${event.name}"`, event)
      for (const sink of sinks) gate.route(sink, event)
    },
    /** What `flush()` waits for: pending sends, and each started sink's own flush (a failure logged, never thrown). */
    deliveries(timeoutMs: number): { sends: Promise<boolean>[]; flushes: Promise<FlushResult | void>[] } {
      const waits: Promise<FlushResult | void>[] = []
      for (const sink of sinks) {
        // A sink still waiting for consent has nothing to deliver, and must not start by being flushed.
        if (!sink.flush || !gate.isStarted(sink)) continue
        const failed = (error: unknown): void => log.error(`sink "${sink.name}" failed to flush: ${describeError(error)}`)
        try {
          waits.push(Promise.resolve(sink.flush({ timeoutMs })).catch(failed))
        } catch (error) {
          failed(error)
        }
      }
      return { sends: [...pending], flushes: waits }
    },
    /** Stops every started sink; a failure is logged, never thrown. */
    close(): void {
      for (const sink of sinks) {
        if (!gate.isStarted(sink)) continue
        try {
          sink.close?.()
        } catch (error) {
          log.error(`sink "${sink.name}" failed to close: ${describeError(error)}`)
        }
      }
    },
    subscribe(listener: TrackingListener): () => void {
      if (typeof listener !== 'function') {
        if (development) log.error(`subscribe: expected a function, got ${describeType(listener)}; nothing was subscribed`)
        return () => {}
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
