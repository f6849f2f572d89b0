import { describeError } from './describe.js'
import { readSink } from './readTrackerOptions.js'
import { sinkReporter } from './sinkReporter.js'
import type { FlushResult, Sink, SinkContext, TrackedEvent } from './types.js'

/** Options of `lateSinks`: its name, how many events it holds, and its consent category. */
export interface LateSinksOptions {
  /** Names it in notices and logs. Default "late". */
  name?: string
  /** Events held until the first sink arrives; beyond it the oldest are dropped and reported. Default 1000. */
  maxHeld?: number
  /** The consent category it needs, with `consent: 'opt-in'`: the sinks added to it share it. */
  consent?: string
}

/** A sink whose sinks arrive at run time: `add` them, or `none()` when it is known there will be none. */
export interface LateSinks extends Sink {
  /** A sink from now on: it gets the held events first, then every new one. Returns the function that removes (and closes) it. */
  add(sink: Sink): () => void
  /** No sink will come (analytics is off here): the held events are dropped and reported, as is each later one. Returns how many were held. */
  none(reason?: string): number
}

/**
 * For sinks known only at run time, once configuration arrives (Lightdash's health answer says
 * whether analytics is on, and where). Until the first `add`, events are held, bounded; then
 * they go to every sink added in that task, in order, ahead of newer ones. `none()` drops them.
 * Nothing is dropped unreported.
 *
 * @example
 * const late = lateSinks()
 * const tracker = createTracker({ sinks: [late] })
 * // later, when the server's health answer arrives:
 * if (health.rudder.writeKey) late.add(segmentSink({ writeKey: health.rudder.writeKey, host: health.rudder.dataPlaneUrl }))
 * else late.none('analytics is off on this server')
 */
export function lateSinks(options: LateSinksOptions = {}): LateSinks {
  const name = typeof options.name === 'string' && options.name !== '' ? options.name : 'late'
  const maxHeld = typeof options.maxHeld === 'number' && options.maxHeld >= 0 ? options.maxHeld : 1000
  const speaker = sinkReporter()
  const sinks: Sink[] = []
  const started = new Set<Sink>()
  let context: SinkContext | undefined
  let held: TrackedEvent[] | undefined = []
  let releasing: Promise<void> | undefined
  let noneReason: string | undefined
  let overflowSaid = false

  const drop = (event: TrackedEvent, reason: string): void => speaker.report({ type: 'dropped', event, sink: name, reason })
  const start = (sink: Sink): void => {
    if (!context || started.has(sink)) return
    started.add(sink)
    try {
      sink.start?.(context)
    } catch (error) {
      speaker.log.error(`sink "${sink.name}" failed to start: ${describeError(error)}`)
    }
  }
  /** Sends still settling, each with what it delivered to sinks that have no flush of their own. */
  const inFlight = new Set<Promise<FlushResult>>()
  /** To every sink, each isolated: one that throws or rejects is said and never stops another. */
  const forward = (events: TrackedEvent[]): void => {
    for (const sink of sinks) {
      const counted = !sink.flush
      const sending = (async (): Promise<FlushResult> => {
        try {
          await sink.send(events)
          if (!sink.reportsDelivery) for (const event of events) speaker.report({ type: 'sent', event, sink: sink.name })
          return { delivered: counted ? events.length : 0, dropped: 0, pending: 0 }
        } catch (error) {
          speaker.log.error(`sink "${sink.name}" failed: ${describeError(error)}`)
          for (const event of events) speaker.report({ type: 'failed', event, sink: sink.name, error })
          return { delivered: 0, dropped: counted ? events.length : 0, pending: 0 }
        }
      })()
      inFlight.add(sending)
      void sending.finally(() => inFlight.delete(sending))
    }
  }

  const late: LateSinks = {
    name,
    reportsDelivery: true,
    start(given) {
      context = given
      speaker.attach(given)
      sinks.forEach(start)
    },
    send(events) {
      if (held) {
        held.push(...events)
        while (held.length > maxHeld) {
          if (!overflowSaid) speaker.log.error(`sink "${name}": more than ${maxHeld} events before any sink was added; the oldest are dropped`)
          overflowSaid = true
          drop(held.shift()!, 'held events over maxHeld')
        }
        return
      }
      if (noneReason !== undefined) return events.forEach((event) => drop(event, noneReason!))
      forward(events)
    },
    add(given) {
      const sink = readSink(given, `sink "${name}": add()`, speaker.log)
      if (!sink) return () => {}
      sinks.push(sink)
      start(sink)
      noneReason = undefined
      // Every sink added in this task gets what was held, then what is tracked after.
      releasing ??=
        held &&
        Promise.resolve().then(() => {
          const waiting = held!
          held = undefined
          releasing = undefined
          if (waiting.length > 0) forward(waiting)
        })
      return () => {
        const index = sinks.indexOf(sink)
        if (index < 0) return
        sinks.splice(index, 1)
        if (!started.delete(sink)) return
        try {
          sink.close?.()
        } catch (error) {
          speaker.log.error(`sink "${sink.name}" failed to close: ${describeError(error)}`)
        }
      }
    },
    none(reason = 'no sink will be added') {
      const dropped = held ?? []
      held = undefined
      noneReason = sinks.length === 0 ? reason : undefined
      dropped.forEach((event) => drop(event, reason))
      return dropped.length
    },
    async flush(flushOptions) {
      await releasing
      const result: FlushResult = { delivered: 0, dropped: 0, pending: held?.length ?? 0 }
      const flushes = sinks.filter((sink) => started.has(sink) && sink.flush).map((sink) => Promise.resolve(sink.flush!(flushOptions)).catch(() => undefined))
      const counts = await Promise.all([...inFlight, ...flushes])
      for (const count of counts) {
        if (!count) continue
        result.delivered += count.delivered
        result.dropped += count.dropped
        result.pending += count.pending
      }
      return result
    },
    close() {
      for (const sink of started) {
        try {
          sink.close?.()
        } catch (error) {
          speaker.log.error(`sink "${sink.name}" failed to close: ${describeError(error)}`)
        }
      }
    },
    discard(reason, given) {
      speaker.attach(given)
      for (const event of held ?? []) drop(event, reason)
      if (held) held = []
      for (const sink of sinks) sink.discard?.(reason, given)
    },
  }
  return options.consent === undefined ? late : Object.assign(late, { consent: options.consent })
}
