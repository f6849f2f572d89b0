import type { TrackedEvent } from '../core.js'

export interface QueuedEvent {
  /** The event's id, kept where a journal records entries by id. */
  id?: string
  /** Left out when nobody needs the object: `json` holds the event. */
  event?: TrackedEvent
  /** The event serialized once, when it was queued. */
  json: string
  bytes: number
  /** When it was tracked, in ms: for the age limit. */
  trackedAt: number
  /** Its place in queueing order, for `flush()` to know which entries it waits for. */
  seq: number
  /** Set once the entry was sent in a batch: a retry sends the same batch with the same key. */
  batchKey?: string
}

/**
 * The events waiting to be sent, oldest first. Taking from the front is O(1) (a moving head, not
 * `shift`), and the byte total is kept as it changes, so a backlog of thousands stays cheap.
 */
export class EventQueue {
  private items: QueuedEvent[] = []
  private head = 0
  private total = 0

  get length(): number {
    return this.items.length - this.head
  }

  get bytes(): number {
    return this.total
  }

  get first(): QueuedEvent | undefined {
    return this.items[this.head]
  }

  push(entry: QueuedEvent): void {
    this.items.push(entry)
    this.total += entry.bytes
  }

  /** Puts entries back at the front, in their order (a failed batch, parked events). */
  unshift(entries: readonly QueuedEvent[]): void {
    if (entries.length === 0) return
    for (const entry of entries) this.total += entry.bytes
    if (this.head >= entries.length) {
      this.head -= entries.length
      for (let i = 0; i < entries.length; i++) this.items[this.head + i] = entries[i]!
    } else {
      this.items = [...entries, ...this.items.slice(this.head)]
      this.head = 0
    }
  }

  /** Removes and returns up to `count` entries from the front. */
  take(count: number): QueuedEvent[] {
    const taken = this.items.slice(this.head, this.head + count)
    this.head += taken.length
    for (const entry of taken) this.total -= entry.bytes
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return taken
  }

  /** How many entries from the front satisfy `keep`, stopping at the first that does not. */
  countFromFront(keep: (entry: QueuedEvent, index: number) => boolean): number {
    let count = 0
    while (this.head + count < this.items.length && keep(this.items[this.head + count]!, count)) count++
    return count
  }

  /** How many of the oldest entries must go for the rest to hold at most `maxEvents` and `maxBytes`. */
  excess(maxEvents: number, maxBytes: number): number {
    let bytes = this.total
    return this.countFromFront((entry, index) => {
      const over = this.length - index > maxEvents || bytes > maxBytes
      if (over) bytes -= entry.bytes
      return over
    })
  }

  *[Symbol.iterator](): IterableIterator<QueuedEvent> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!
  }
}
