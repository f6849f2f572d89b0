import type { TrackedEvent, TrackingNotice } from '../core.js'
import type { SinkReporter } from '../core/internal.js'
import { takeBatch, type Batch } from './batches.js'
import { createDeliveryWaiters, type DeliveryWaiters } from './deliveryWaiters.js'
import { EventQueue, type QueuedEvent } from './eventQueue.js'
import { journalLeftovers } from './journalLeftovers.js'
import type { ProblemLog } from './problemLog.js'
import type { JournalEntry } from './queueJournal.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'
import { createStoredQueue, type StoredQueue } from './storedQueue.js'
import { utf8Length } from './utf8Length.js'

export interface Outbox {
  /** Events waiting to be sent, oldest first. */
  readonly queue: EventQueue
  /** Batches on the wire. */
  readonly inFlight: Set<Batch>
  readonly waiters: DeliveryWaiters
  /** How many entries were ever queued: `flush()` waits for those up to this number. */
  readonly queuedSoFar: number
  /** Events tracked but not yet acknowledged: waiting, on the wire or parked. */
  readonly pendingCount: number
  /** Where unacknowledged events wait for the next page. */
  readonly stored: StoredQueue
  /** Serializes and queues events just tracked, or (`adopted`) left by an earlier page. */
  add(events: readonly TrackedEvent[], adopted?: boolean): void
  eventOf(entry: QueuedEvent): TrackedEvent
  /**
   * What an earlier run or page left: the journal's events, queued as they were (batch keys
   * included), or without a journal the stored queues of pages that are gone, handed to `adopt`.
   */
  takeLeftovers(adopt: (events: TrackedEvent[]) => void): void
  /** The next batch from the front of the queue (its key journaled, where there is a journal). */
  nextBatch(maxEvents: number, maxBytes: number): Batch
  /** The collector acknowledged these: each is reported (if anyone listens) and stops holding up `flush()`. */
  delivered(entries: readonly QueuedEvent[]): void
  drop(entries: readonly QueuedEvent[], reason: string): void
  /** Keepalive batches whose answer the leaving page never saw: kept, not resent, until it comes back. */
  park(entries: readonly QueuedEvent[]): void
  unpark(): void
  /** Drops queued events older than the age limit. */
  expire(): void
  /** Consent was denied: everything held goes, and what is on the wire now is never resent or stored. */
  discard(reason: string): void
  /** A batch discarded while on the wire, and the reason. */
  discarded(batch: Batch): string | undefined
  close(): void
}

/**
 * What `httpSink` holds and in what order: every event from the moment it is tracked until the
 * collector acknowledges it or it is dropped with a reason, in memory and in storage, bounded.
 */
export function createOutbox(settings: HttpSinkSettings, speaker: SinkReporter, problem: ProblemLog): Outbox {
  const { name, journal } = settings
  const queue = new EventQueue()
  const inFlight = new Set<Batch>()
  const waiters = createDeliveryWaiters()
  let parked: QueuedEvent[] = []
  let queued = 0
  /** Entries up to this `seq` were discarded (consent denied). */
  let discardedThrough = 0
  let discardReason = ''

  /** The event an entry was made from: kept while someone listens or a custom format needs it, else read back. */
  const eventOf = (entry: QueuedEvent): TrackedEvent => entry.event ?? (JSON.parse(entry.json) as TrackedEvent)
  const discarded = (batch: Batch): string | undefined => (batch.entries[0]!.seq <= discardedThrough ? discardReason : undefined)

  const settle = (entries: readonly QueuedEvent[], notice: (event: TrackedEvent) => TrackingNotice, delivered: boolean): void => {
    const heard = speaker.listening()
    for (const entry of entries) {
      if (heard) speaker.report(notice(eventOf(entry)))
      waiters.settled(entry.seq, delivered)
    }
    journal?.removed(entries.map((entry) => entry.id!))
  }
  const drop = (entries: readonly QueuedEvent[], reason: string): void => {
    if (entries.length > 0) settle(entries, (event) => ({ type: 'dropped', event, sink: name, reason }), false)
  }

  function* unacknowledged(): Generator<QueuedEvent> {
    for (const batch of inFlight) if (!discarded(batch)) yield* batch.entries
    yield* parked
    yield* queue
  }

  const stored = createStoredQueue(settings, speaker.log, unacknowledged, () => queue.length + inFlight.size + parked.length === 0)

  /** Serialized once, when tracked: later changes to the objects it came from cannot alter it. */
  const enqueue = (event: TrackedEvent, trackedAt: number): QueuedEvent | undefined => {
    let json = ''
    try {
      json = JSON.stringify(event)
    } catch (error) {
      problem('not serializable', 1, (count) => `httpSink "${name}": ${count > 1 ? `${count} events` : `event "${event.name}"`} could not be serialized (${String(error)}); dropped`)
      return void drop([{ event, json, bytes: 0, trackedAt, seq: ++queued }], 'not serializable')
    }
    const bytes = utf8Length(json)
    if (bytes > settings.maxEventBytes) {
      const what = `event "${event.name}" is ${bytes} bytes`
      problem('too large', 1, (count) => `httpSink "${name}": ${count > 1 ? `${count} events were too large, the last: ` : ''}${what}, over the limit of ${settings.maxEventBytes}; dropped`)
      return void drop([{ event, json, bytes, trackedAt, seq: ++queued }], `too large: ${bytes} bytes`)
    }
    const heard = speaker.listening()
    const entry: QueuedEvent = { json, bytes, trackedAt, seq: ++queued }
    if (heard || settings.format) entry.event = event
    if (journal) entry.id = event.id
    queue.push(entry)
    if (heard) speaker.report({ type: 'queued', event, sink: name })
    return entry
  }

  /** Beyond the bounds, the oldest waiting events go. */
  const enforceBounds = (): void => {
    const excess = queue.excess(settings.maxQueuedEvents, settings.maxQueuedBytes)
    if (excess === 0) return
    problem('queue full', excess, (count) => `httpSink "${name}": queue full (${settings.maxQueuedEvents} events or ${settings.maxQueuedBytes} bytes); dropped the ${count} oldest events`)
    drop(queue.take(excess), 'queue full')
  }

  return {
    queue,
    inFlight,
    waiters,
    get queuedSoFar() {
      return queued
    },
    get pendingCount() {
      let count = parked.length + queue.length
      // A batch discarded while on the wire (consent denied) is no longer pending: its answer only drops it.
      for (const batch of inFlight) if (!discarded(batch)) count += batch.entries.length
      return count
    },
    stored,
    add(events, adopted = false) {
      const now = Date.now()
      const journaled: JournalEntry[] = []
      for (const event of events) {
        const entry = enqueue(event, adopted ? Date.parse(event.timestamp) || now : now)
        if (journal && entry) journaled.push({ id: entry.id!, json: entry.json })
      }
      if (journaled.length > 0) journal!.added(journaled)
      enforceBounds()
      // New events are written as soon as this task ends.
      stored.writeWithin(0)
    },
    takeLeftovers(adopt) {
      if (!journal) return stored.store().adoptLeftovers(adopt)
      for (const entry of journalLeftovers(journal, speaker.log, name, () => ++queued)) queue.push(entry)
      enforceBounds()
    },
    nextBatch(maxEvents, maxBytes) {
      const fresh = queue.first?.batchKey === undefined
      const batch = takeBatch(queue, maxEvents, maxBytes)
      if (journal && fresh) journal.batched(batch.key, batch.entries.map((entry) => entry.id!))
      return batch
    },
    eventOf,
    delivered: (entries) => settle(entries, (event) => ({ type: 'sent', event, sink: name }), true),
    drop,
    park(entries) {
      parked.push(...entries)
    },
    unpark() {
      queue.unshift(parked)
      parked = []
    },
    expire() {
      const oldest = Date.now() - settings.retry.maxAgeMs
      const count = queue.countFromFront((entry) => entry.trackedAt < oldest)
      if (count === 0) return
      problem('expired', count, (dropped) => `httpSink "${name}": ${dropped} events undelivered after ${settings.retry.maxAgeMs} ms; dropped`)
      drop(queue.take(count), 'expired')
    },
    discard(reason) {
      discardedThrough = queued
      discardReason = reason
      drop(queue.take(queue.length), reason)
      drop(parked, reason)
      parked = []
      // Left by earlier pages, even when this one never started: they go too, reported.
      stored.store().adoptLeftovers((events) => {
        if (speaker.listening()) for (const event of events) speaker.report({ type: 'dropped', event, sink: name, reason })
      })
      stored.write()
    },
    discarded,
    close() {
      stored.close()
      journal?.close()
    },
  }
}
