import type { FlushOptions, KeyValueStorage, Logger, Sink, SinkContext, TrackedEvent, TrackingNotice } from '../core.js'
import { browserStorage, createId, createLogger } from '../core/internal.js'
import { createEventStore, type EventStore } from './eventStore.js'
import { EventQueue, type QueuedEvent } from './eventQueue.js'
import type { BatchFormat } from './formats.js'
import { classifyResponse, type Outcome } from './classifyResponse.js'
import { createDeliveryWaiters } from './deliveryWaiters.js'
import { browserLifecycle, type PageLifecycle } from './pageLifecycle.js'
import { readHttpSinkOptions, type HttpSinkOptions } from './readHttpSinkOptions.js'

export type { HttpSinkOptions } from './readHttpSinkOptions.js'
import { retryDelay, type RetryOptions } from './retryDelay.js'
import { utf8Length } from './utf8Length.js'

export interface HttpSink extends Sink {
  /** Resolves once what was tracked before the call is acknowledged or dropped, or after `timeoutMs`. */
  flush(options: Required<FlushOptions>): Promise<void>
  /** Events tracked but not yet acknowledged by the collector. */
  readonly pendingCount: number
  /** Stops timers and listeners; what is still queued stays in storage for the next start. */
  close(): void
}

interface Batch {
  key: string
  entries: QueuedEvent[]
}

/** Chromium and Firefox allow this many bytes of keepalive request bodies in flight at once. */
const KEEPALIVE_BUDGET = 64 * 1024
const URGENT_CONCURRENCY = 4

/**
 * Sends events to an HTTP collector in batches, at least once: each event keeps its id through
 * retries and reloads, waits in storage until the collector acknowledges it, leaves with keepalive
 * requests when the page is hidden or unloaded, and waits out offline periods without burning retries.
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
  let read: ReturnType<typeof readHttpSinkOptions>
  let given: Partial<PageLifecycle> | undefined
  try {
    read = readHttpSinkOptions(options, mistakes)
    given = (options as Partial<HttpSinkOptions> | null)?.lifecycle
  } catch {
    // Options that throw when read (a getter, a Proxy): nothing is sent, and that is said.
    read = readHttpSinkOptions({} as HttpSinkOptions, ['options could not be read'])
  }
  const { settings, problems, fatal } = read
  const lifecycle = typeof given?.listen === 'function' && typeof given.isOnline === 'function' ? (given as PageLifecycle) : browserLifecycle
  if (given !== undefined && lifecycle !== given) problems.push('lifecycle must have listen() and isOnline(); using the browser\'s')
  const name = settings.name

  let log: Logger = createLogger('warn')
  let report: (notice: TrackingNotice) => void = () => {}
  /** Whether anyone hears reports; unknown (started by hand) counts as yes. */
  let listening = (): boolean => true
  let started = false
  let stopped = false
  let store: EventStore | undefined
  let stopListening = (): void => {}

  const queue = new EventQueue()
  /** Keepalive batches whose answer the leaving page did not see: they may well have arrived. */
  let parked: QueuedEvent[] = []
  let leavingPage = false
  const inFlight = new Set<Batch>()
  const waiters = createDeliveryWaiters()
  /** How many entries were ever queued: each entry's `seq`. */
  let queued = 0
  let keepaliveBytes = 0
  let failures = 0
  // Said once per sink: a wrong address fails every request the same way.
  let misconfigured = false
  let retryAt = 0
  let batchCap = settings.maxEvents
  let pumpSoon: ReturnType<typeof setTimeout> | undefined
  let batchTimer: ReturnType<typeof setTimeout> | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let persistTimer: ReturnType<typeof setTimeout> | undefined
  /** Entries up to this `seq` were discarded (consent denied): in flight then, they are never resent or stored. */
  let discardedThrough = 0
  let discardReason = ''
  const isDiscarded = (batch: Batch): boolean => batch.entries[0]!.seq <= discardedThrough

  const attach = (context: SinkContext): void => {
    log = context.log
    report = context.report
    if ('listening' in context) listening = () => context.listening !== false
  }

  const start = (): void => {
    if (started) return
    started = true
    // Configuration mistakes: at error level in every build, once, when the tracker starts the sink.
    for (const problem of problems) log.error(`httpSink "${name}": ${problem}`)
    if (fatal) log.error(`httpSink "${name}": ${fatal}; events are kept but not sent`)
    openStore().adoptLeftovers(adopt)
    stopListening = lifecycle.listen({ leaving, resumed })
  }

  const openStore = (): EventStore => {
    if (store) return store
    const storage = options.storage === 'memory' ? undefined : (options.storage ?? browserStorage())
    if (options.storage !== 'memory' && !storage && typeof window !== 'undefined') {
      log.warn(`httpSink "${name}": no usable localStorage; events are kept in memory only`)
    }
    // The url is part of the key: leftovers go to the collector they were meant for.
    return (store = createEventStore(storage, `trackplan:queue:${name}:${settings.url ?? ''}:`, log))
  }

  /** Every serialized event not yet acknowledged, oldest first: in flight, parked, then queued. */
  function* unacknowledged(): Generator<QueuedEvent> {
    for (const batch of inFlight) if (!isDiscarded(batch)) yield* batch.entries
    yield* parked
    yield* queue
  }

  const unacknowledgedCount = (): number => {
    let count = parked.length + queue.length
    for (const batch of inFlight) count += batch.entries.length
    return count
  }

  /**
   * The event an entry was made from: kept while someone listens or a custom format needs it,
   * otherwise read back from its JSON on the rare occasion it is needed.
   */
  const eventOf = (entry: QueuedEvent): TrackedEvent => entry.event ?? (JSON.parse(entry.json) as TrackedEvent)

  const settle = (entries: readonly QueuedEvent[], notice: (event: TrackedEvent) => TrackingNotice): void => {
    const heard = listening()
    for (const entry of entries) {
      if (heard) report(notice(eventOf(entry)))
      waiters.settled(entry.seq)
    }
  }

  const drop = (entries: readonly QueuedEvent[], reason: string): void => {
    if (entries.length > 0) settle(entries, (event) => ({ type: 'dropped', event, sink: name, reason }))
  }

  /**
   * After an answer, storage is rewritten once for all the answers of that moment rather than once
   * each: a crash in between can only make an acknowledged event be sent again, never lose one.
   */
  const persistSoon = (): void => {
    persistTimer ??= setTimeout(persist, 0)
  }

  const persist = (): void => {
    clearTimeout(persistTimer)
    persistTimer = undefined
    if (!store?.persistent) return
    const jsons: string[] = []
    for (const entry of unacknowledged()) jsons.push(entry.json)
    store?.save(jsons)
  }

  /**
   * Serializes one event when it is tracked: the queue holds a snapshot that later changes to the
   * objects it was built from cannot alter, and the event object itself can be collected young.
   */
  const enqueue = (event: TrackedEvent, trackedAt: number): void => {
    let json: string
    try {
      json = JSON.stringify(event)
    } catch (error) {
      log.error(`httpSink "${name}": event "${event.name}" could not be serialized (${String(error)}); dropped`)
      return drop([{ event, json: '', bytes: 0, trackedAt: 0, seq: ++queued }], 'not serializable')
    }
    const bytes = utf8Length(json)
    if (bytes > settings.maxEventBytes) {
      log.error(`httpSink "${name}": event "${event.name}" is ${bytes} bytes, over the limit of ${settings.maxEventBytes}; dropped`)
      return drop([{ event, json, bytes, trackedAt: 0, seq: ++queued }], `too large: ${bytes} bytes`)
    }
    const heard = listening()
    const entry: QueuedEvent = { json, bytes, trackedAt, seq: ++queued }
    if (heard || settings.format) entry.event = event
    queue.push(entry)
    if (heard) report({ type: 'queued', event, sink: name })
  }

  /** Events just tracked, or (`adopted`) left over from an earlier page, whose age their timestamp tells. */
  const enqueueAll = (events: readonly TrackedEvent[], adopted = false): void => {
    const now = Date.now()
    for (const event of events) enqueue(event, adopted ? Date.parse(event.timestamp) || now : now)
    enforceBounds()
    persistSoon()
    // Batches leave after the tracking call that filled them, not inside it.
    pumpSoon ??= setTimeout(() => {
      pumpSoon = undefined
      schedule()
    }, 0)
  }

  const adopt = (events: readonly TrackedEvent[]): void => enqueueAll(events, true)

  const enforceBounds = (): void => {
    if (queue.length <= settings.maxQueuedEvents && queue.bytes <= settings.maxQueuedBytes) return
    let bytes = queue.bytes
    const excess = queue.countFromFront((entry, index) => {
      const over = queue.length - index > settings.maxQueuedEvents || bytes > settings.maxQueuedBytes
      if (over) bytes -= entry.bytes
      return over
    })
    if (excess === 0) return
    log.warn(`httpSink "${name}": queue full; dropped the ${excess} oldest events`)
    drop(queue.take(excess), 'queue full')
  }

  /** Drops events past the age limit from the front, where the oldest wait. */
  const expire = (): void => {
    const oldest = Date.now() - settings.retry.maxAgeMs
    const count = queue.countFromFront((entry) => entry.trackedAt < oldest)
    if (count === 0) return
    log.warn(`httpSink "${name}": ${count} events undelivered after ${settings.retry.maxAgeMs} ms; dropped`)
    drop(queue.take(count), 'expired')
  }

  const schedule = (): void => {
    if (queue.length === 0) return
    if (waiters.size > 0 || queue.length >= batchCap || queue.bytes >= settings.maxBytes) pump()
    else
      batchTimer ??= setTimeout(() => {
        batchTimer = undefined
        pump()
      }, settings.intervalMs)
  }

  const takeBatch = (): Batch => {
    const retried = queue.first?.batchKey
    if (retried !== undefined) return { key: retried, entries: queue.take(queue.countFromFront((entry) => entry.batchKey === retried)) }
    const key = createId()
    let bytes = 0
    const count = queue.countFromFront((entry, index) => {
      if (index >= batchCap || entry.batchKey !== undefined || (index > 0 && bytes + entry.bytes > settings.maxBytes)) return false
      bytes += entry.bytes
      return true
    })
    const entries = queue.take(count)
    for (const entry of entries) entry.batchKey = key
    return { key, entries }
  }

  /** The request body, and its size in bytes: summed from the events' sizes when it is ours. */
  const body = (batch: Batch): [payload: string, bytes: number] => {
    const sentAt = new Date().toISOString()
    if (!settings.format) {
      const start = '{"batch":['
      const end = `],"sentAt":"${sentAt}"}`
      let bytes = start.length + end.length + batch.entries.length - 1
      for (const entry of batch.entries) bytes += entry.bytes
      return [start + batch.entries.map((entry) => entry.json).join(',') + end, bytes]
    }
    const formatted = settings.format(batch.entries.map(eventOf), { idempotencyKey: batch.key, sentAt })
    const payload = typeof formatted === 'string' ? formatted : JSON.stringify(formatted)
    return [payload, utf8Length(payload)]
  }

  /** Sends batches: one at a time normally, several when someone is waiting (flush) or the page is leaving. */
  const pump = (urgent = waiters.size > 0): void => {
    clearTimeout(batchTimer)
    batchTimer = undefined
    if (stopped || settings.url === undefined || !lifecycle.isOnline()) return
    const wait = retryAt - Date.now()
    if (wait > 0) {
      retryTimer ??= setTimeout(() => {
        retryTimer = undefined
        pump()
      }, wait)
      return
    }
    expire()
    const limit = urgent ? URGENT_CONCURRENCY : 1
    while (queue.length > 0 && inFlight.size < limit) void deliver(takeBatch())
  }

  const deliver = async (batch: Batch, onlyWithKeepalive = false): Promise<void> => {
    let built: [payload: string, bytes: number]
    try {
      built = body(batch)
    } catch (error) {
      log.error(`httpSink "${name}": format threw (${String(error)}); ${batch.entries.length} events dropped`)
      return drop(batch.entries, 'format failed')
    }
    const [payload, size] = built
    const keepalive = size <= KEEPALIVE_BUDGET - keepaliveBytes
    if (onlyWithKeepalive && !keepalive) {
      queue.unshift(batch.entries)
      return
    }
    inFlight.add(batch)
    if (keepalive) keepaliveBytes += size
    const controller = new AbortController()
    const timeout = setTimeout(() => controller.abort(), settings.requestTimeoutMs)
    let outcome: Outcome
    try {
      const response = await settings.fetch(settings.url!, {
        method: 'POST',
        headers: settings.idempotencyHeader ? { ...settings.headers, [settings.idempotencyHeader]: batch.key } : settings.headers,
        body: payload,
        keepalive,
        signal: controller.signal,
        // A redirect is reported, never followed: following turns the POST into a GET (see classifyResponse).
        redirect: 'manual',
      })
      outcome = classifyResponse(response)
      // Free the connection: the answer's body is never read.
      void response.body?.cancel().catch(() => {})
    } catch (error) {
      // A keepalive request outlives the page that sent it, even when the page stops hearing from it:
      // resending it now would only duplicate it. It stays stored, and is resent if the page comes back.
      if (keepalive && leavingPage) outcome = { kind: 'park' }
      else outcome = { kind: 'retry', reason: controller.signal.aborted ? 'timeout' : `network error (${String(error)})` }
    } finally {
      clearTimeout(timeout)
      inFlight.delete(batch)
      if (keepalive) keepaliveBytes -= size
    }
    handle(batch, outcome)
  }

  const handle = (batch: Batch, outcome: Outcome): void => {
    if (outcome.kind !== 'sent' && isDiscarded(batch)) return drop(batch.entries, discardReason)
    switch (outcome.kind) {
      case 'sent':
        failures = 0
        retryAt = 0
        batchCap = Math.min(settings.maxEvents, batchCap * 2)
        settle(batch.entries, (event) => ({ type: 'sent', event, sink: name }))
        break
      case 'split':
        if (batch.entries.length > 1) {
          batchCap = Math.max(1, Math.floor(batch.entries.length / 2))
          for (const entry of batch.entries) delete entry.batchKey
          queue.unshift(batch.entries)
        } else {
          log.error(`httpSink "${name}": the collector refused event "${eventOf(batch.entries[0]!).name}" as too large (413); dropped`)
          drop(batch.entries, 'HTTP 413')
        }
        break
      case 'park':
        parked.push(...batch.entries)
        break
      case 'drop':
        log.error(`httpSink "${name}": the collector answered ${outcome.reason}; ${batch.entries.length} events dropped, not retried`)
        drop(batch.entries, outcome.reason)
        break
      case 'retry': {
        queue.unshift(batch.entries)
        if (outcome.misconfiguration && !misconfigured) {
          misconfigured = true
          log.error(`httpSink "${name}": url ${outcome.misconfiguration}; events kept until it is the final address`)
        }
        // Offline is not the collector's fault: wait for "online" without counting a failure.
        if (!lifecycle.isOnline()) break
        failures++
        const delayMs = retryDelay(failures, outcome.retryAfterMs, settings.retry)
        retryAt = Math.max(retryAt, Date.now() + delayMs)
        log.info(`httpSink "${name}": ${outcome.reason}; retrying ${batch.entries.length} events in ${delayMs} ms`)
        if (listening()) {
          for (const entry of batch.entries) {
            report({ type: 'retried', event: eventOf(entry), sink: name, attempt: failures, reason: outcome.reason, delayMs })
          }
        }
        break
      }
    }
    persistSoon()
    if (queue.length > 0 && !stopped) schedule()
  }

  const leaving = (how: 'hidden' | 'pagehide'): void => {
    leavingPage = true
    if (how === 'pagehide') store?.markClosed(true)
    persist()
    if (settings.url === undefined || !lifecycle.isOnline()) return
    // Last chance: everything not already in flight leaves now, within the keepalive budget.
    // What does not fit stays stored and leaves on the next start.
    clearTimeout(batchTimer)
    batchTimer = undefined
    while (queue.length > 0) {
      const before = queue.length
      void deliver(takeBatch(), true)
      if (queue.length >= before) break
    }
  }

  const resumed = (): void => {
    leavingPage = false
    queue.unshift(parked)
    parked = []
    store?.markClosed(false)
    store?.adoptLeftovers(adopt)
    if (queue.length > 0) pump()
  }

  return {
    name,
    reportsDelivery: true,
    start(context) {
      attach(context)
      start()
    },
    send(events) {
      start()
      enqueueAll(events)
    },
    flush({ timeoutMs }) {
      start()
      const settled = waiters.wait(queued, unacknowledgedCount(), timeoutMs)
      pump(true)
      return settled
    },
    discard(reason, context) {
      if (!started) attach(context)
      discardedThrough = queued
      discardReason = reason
      drop(queue.take(queue.length), reason)
      drop(parked, reason)
      parked = []
      // Left by earlier pages, even when this one never started: they go too, reported.
      openStore().adoptLeftovers((events) => {
        if (listening()) for (const event of events) report({ type: 'dropped', event, sink: name, reason })
      })
      persist()
    },
    get pendingCount() {
      return unacknowledgedCount()
    },
    close() {
      persist()
      stopped = true
      clearTimeout(batchTimer)
      clearTimeout(retryTimer)
      clearTimeout(pumpSoon)
      stopListening()
      store?.markClosed(true)
      store?.close()
    },
  }
}
