import type { FlushOptions, FlushResult, Sink, TrackedEvent } from '../core.js'
import { sinkReporter } from '../core/internal.js'
import { createAnswerHandler } from './answerHandler.js'
import { createCourier } from './courier.js'
import { createOutbox } from './outbox.js'
import { problemLog } from './problemLog.js'
import type { HttpSinkOptions } from './httpSinkOptions.js'
import { readHttpSinkOptions } from './readHttpSinkOptions.js'
import { createRetryPolicy } from './retryPolicy.js'
import { unref } from './unref.js'

export type { HttpSinkOptions } from './httpSinkOptions.js'

export interface HttpSink extends Sink {
  /**
   * Resolves once what was tracked before the call is acknowledged or dropped, or after `timeoutMs`,
   * with how many were delivered, dropped or still pending. Retries at once, not after the backoff.
   */
  flush(options: Required<FlushOptions>): Promise<FlushResult>
  /** Events tracked but not yet acknowledged by the collector. */
  readonly pendingCount: number
  /** Stops timers and listeners; what is queued or on the wire is stored (or journaled) one last time, for the next start. */
  close(): void
}

const URGENT_CONCURRENCY = 4

/**
 * Sends events to an HTTP collector in batches, at least once: each event keeps its id through
 * retries and reloads, waits in storage until the collector acknowledges it, leaves with keepalive
 * requests when the page is hidden or unloaded, and waits out offline periods without burning retries.
 * The parts: the outbox holds events in order (and its stored queue keeps them across pages) and
 * makes batches, the courier takes each to the collector (`sendBatch` speaks HTTP), the answer
 * handler says what each answer does to its batch, the retry policy paces attempts, and the page
 * lifecycle says when to hurry.
 *
 * @example
 * const tracker = createTracker({
 *   sinks: [httpSink({ url: 'https://collect.example.com/v1/events', accessKey: 'pk_live_…' })],
 * })
 * track({ name: EventName.SIGNUP_SUBMITTED })
 * await tracker.flush() // then navigate away
 *
 * `mistakes` is for sinks built on this one (`segmentSink`): configuration mistakes of their own,
 * reported like httpSink's; any one keeps the events unsent.
 */
export function httpSink(options: HttpSinkOptions, mistakes?: readonly string[]): HttpSink {
  const { settings, problems, fatal } = readHttpSinkOptions(options, mistakes)
  const { name, lifecycle } = settings
  const speaker = sinkReporter()
  const problem = problemLog(() => speaker.log)
  const outbox = createOutbox(settings, speaker, problem)
  const { queue, inFlight, waiters } = outbox
  const retry = createRetryPolicy(settings.retry, settings.maxEvents)
  const answer = createAnswerHandler(settings, outbox, retry, speaker, problem)
  const deliver = createCourier(settings, outbox, problem, (batch, result, keepalive) => {
    answer(batch, result, keepalive, leavingPage, waiters.size > 0)
    if (queue.length > 0 && !stopped) schedule()
  })
  let pumpSoon: ReturnType<typeof setTimeout> | undefined
  let batchTimer: ReturnType<typeof setTimeout> | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let started = false
  let fatalSaid = false
  let stopped = false
  let leavingPage = false
  let stopListening = (): void => {}

  const start = (): void => {
    if (started) return
    started = true
    // Configuration mistakes: at error level in every build, once, when the tracker starts the sink.
    for (const problem of problems) speaker.log.error(`httpSink "${name}": ${problem}`)
    outbox.takeLeftovers(adopt)
    schedule()
    stopListening = lifecycle.listen({ leaving, resumed })
  }

  // Events tracked in this task: they are serialized and queued after the tracking call, with the
  // rest of the work (JSON.stringify was most of what track() cost). The tracker hands over envelopes
  // it built from copies, so nothing the app holds can change them meanwhile.
  // One array for the sink's life (emptied by splice), so that every push meets the same array shape.
  const arriving: TrackedEvent[] = []
  const takeArriving = (): void => {
    if (arriving.length > 0) outbox.add(arriving.splice(0))
  }
  // Batches leave after the tracking call that filled them, not inside it.
  const afterTask = (): void => {
    pumpSoon = undefined
    takeArriving()
    schedule()
  }
  /** Events left by an earlier page or process, queued ahead of this task's. */
  const adopt = (events: readonly TrackedEvent[]): void => {
    outbox.add(events, true)
    pumpSoon ??= setTimeout(afterTask, 0)
  }

  const schedule = (): void => {
    if (queue.length === 0) return
    if (waiters.size > 0 || queue.length >= retry.batchCap || queue.bytes >= settings.maxBytes) pump()
    else
      batchTimer ??= setTimeout(() => {
        batchTimer = undefined
        pump()
      }, settings.intervalMs)
  }

  /** Sends batches: one at a time normally, several when someone is waiting (flush) or the page is leaving. */
  const pump = (urgent = waiters.size > 0): void => {
    clearTimeout(batchTimer)
    batchTimer = undefined
    if (stopped || settings.url === undefined || !lifecycle.isOnline()) return
    const wait = retry.waitMs()
    if (wait > 0) {
      retryTimer ??= unref(
        setTimeout(() => {
          retryTimer = undefined
          pump()
        }, wait),
      )
      return
    }
    outbox.expire()
    const limit = urgent ? Math.max(URGENT_CONCURRENCY, settings.concurrency * 2) : settings.concurrency
    while (queue.length > 0 && inFlight.size < limit) void deliver(outbox.nextBatch(retry.batchCap, settings.maxBytes))
  }

  const leaving = (how: 'hidden' | 'pagehide'): void => {
    takeArriving()
    leavingPage = true
    if (how === 'pagehide') outbox.stored.store().markClosed(true)
    outbox.stored.write()
    if (settings.url === undefined || !lifecycle.isOnline()) return
    // Last chance: everything not already in flight leaves now, within the keepalive budget.
    // What does not fit stays stored and leaves on the next start.
    clearTimeout(batchTimer)
    batchTimer = undefined
    while (queue.length > 0) {
      const before = queue.length
      void deliver(outbox.nextBatch(retry.batchCap, settings.maxBytes), true)
      if (queue.length >= before) break
    }
  }

  const resumed = (): void => {
    leavingPage = false
    outbox.unpark()
    outbox.stored.store().markClosed(false)
    outbox.stored.store().adoptLeftovers(adopt)
    if (queue.length > 0) pump()
  }

  return {
    name,
    reportsDelivery: true,
    start(context) {
      speaker.attach(context)
      start()
    },
    // Called for every event: short, with one array shape and an indexed loop, so that V8 optimizes it early
    // and never has to throw that code away (a click handler runs it far fewer times than a benchmark).
    send(events) {
      if (!started) start()
      // Said with the first event, not at start: a server rendering the app (SSR) tracks nothing, and
      // a relative URL there is no mistake.
      if (fatal && !fatalSaid) speaker.log.error(`httpSink "${name}": ${fatal}; events are kept but not sent`)
      fatalSaid = true
      for (let index = 0; index < events.length; index++) arriving.push(events[index]!)
      pumpSoon ??= setTimeout(afterTask, 0)
      // A durable journal records the event before track() returns: a process killed next keeps it.
      if (settings.journal) takeArriving()
    },
    flush({ timeoutMs }) {
      start()
      takeArriving()
      const settled = waiters.wait(outbox.queuedSoFar, outbox.pendingCount, timeoutMs)
      retry.hurry()
      clearTimeout(retryTimer)
      retryTimer = undefined
      pump(true)
      return settled
    },
    discard(reason, context) {
      if (!started) speaker.attach(context)
      takeArriving()
      outbox.discard(reason)
    },
    get pendingCount() {
      return arriving.length + outbox.pendingCount
    },
    close() {
      takeArriving()
      stopped = true
      clearTimeout(pumpSoon)
      clearTimeout(batchTimer)
      clearTimeout(retryTimer)
      stopListening()
      outbox.close()
    },
  }
}
