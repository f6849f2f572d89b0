import { createId } from '../core/internal.js'
import type { TrackedEvent } from '../core.js'
import type { EventQueue, QueuedEvent } from './eventQueue.js'
import type { BatchFormat } from './formats.js'
import { utf8Length } from './utf8Length.js'

/** Events sent in one request; `key` is its idempotency key, the same on every retry. */
export interface Batch {
  key: string
  entries: QueuedEvent[]
}

/**
 * The next batch from the front of the queue: a batch that failed leaves again whole, with its key;
 * a new one holds at most `maxEvents` events and `maxBytes` bytes (one larger event goes alone).
 */
export function takeBatch(queue: EventQueue, maxEvents: number, maxBytes: number): Batch {
  const retried = queue.first?.batchKey
  if (retried !== undefined) return { key: retried, entries: queue.take(queue.countFromFront((entry) => entry.batchKey === retried)) }
  const key = createId()
  let bytes = 0
  const count = queue.countFromFront((entry, index) => {
    if (index >= maxEvents || entry.batchKey !== undefined || (index > 0 && bytes + entry.bytes > maxBytes)) return false
    bytes += entry.bytes
    return true
  })
  const entries = queue.take(count)
  for (const entry of entries) entry.batchKey = key
  return { key, entries }
}

/** The request body and its size in bytes: ours is joined from the events' JSON and its size summed. */
export function batchBody(batch: Batch, format: BatchFormat | undefined, eventOf: (entry: QueuedEvent) => TrackedEvent): [payload: string, bytes: number] {
  const sentAt = new Date().toISOString()
  if (!format) {
    const start = '{"batch":['
    const end = `],"sentAt":"${sentAt}"}`
    let bytes = start.length + end.length + batch.entries.length - 1
    for (const entry of batch.entries) bytes += entry.bytes
    return [start + batch.entries.map((entry) => entry.json).join(',') + end, bytes]
  }
  const formatted = format(batch.entries.map(eventOf), { idempotencyKey: batch.key, sentAt })
  const payload = typeof formatted === 'string' ? formatted : JSON.stringify(formatted)
  return [payload, utf8Length(payload)]
}
