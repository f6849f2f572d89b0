import type { KeyValueStorage, Logger, TrackedEvent } from '../core.js'
import { createId } from '../core/internal.js'

/**
 * This tab's queue, persisted under a key of its own so that two tabs never send each other's events.
 * A queue whose tab is gone (closed, reloaded, crashed) is adopted by the next tab that starts.
 */
export interface EventStore {
  readonly persistent: boolean
  /** Writes the whole current queue: one JSON string per event. */
  save(events: readonly string[]): void
  /** Hands over the events of queues whose tabs are gone; may call back later (locks are async). */
  adoptLeftovers(take: (events: TrackedEvent[]) => void): void
  /** The tab is being unloaded: without Web Locks, this is how other tabs know they may adopt. */
  markClosed(closed: boolean): void
  close(): void
}

interface StoredQueue {
  beat: number
  closed: boolean
  events: unknown[]
}

/** Whether a stored entry is an envelope this sink can send: anything else (null, text, another app's data) is skipped. */
const isStoredEvent = (entry: unknown): entry is TrackedEvent =>
  ['id', 'name', 'type', 'timestamp'].every((key) => typeof (entry as Record<string, unknown> | null)?.[key] === 'string')

/** Without Web Locks, a queue nobody wrote to for this long belongs to a tab that crashed. */
const STALE_MS = 24 * 60 * 60 * 1000

interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>
}

function locks(): LockManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : ((navigator as { locks?: LockManagerLike }).locks ?? undefined)
}

export function createEventStore(storage: KeyValueStorage | undefined, prefix: string, log: Logger): EventStore {
  const key = `${prefix}${createId()}`
  let usable = storage !== undefined
  let closed = false
  let releaseOwnLock: (() => void) | undefined
  let last = ''

  const lockManager = usable ? locks() : undefined
  if (lockManager) {
    void lockManager.request(key, () => new Promise<void>((resolve) => (releaseOwnLock = resolve))).catch(() => {})
  }

  const fallBack = (error: unknown): void => {
    usable = false
    log.warn(`storage failed (${error instanceof Error ? error.name : String(error)}); events are kept in memory only`)
  }

  const write = (events: readonly string[]): void => {
    if (!usable || !storage) return
    try {
      if (events.length === 0) {
        storage.removeItem(key)
        last = ''
        return
      }
      const value = `{"beat":${Date.now()},"closed":${closed},"events":[${events.join(',')}]}`
      if (value !== last) storage.setItem(key, value)
      last = value
    } catch (error) {
      fallBack(error)
    }
  }

  const take = (otherKey: string, onlyIfGone: boolean, handOver: (events: TrackedEvent[]) => void): void => {
    if (!storage) return
    let adopted: TrackedEvent[] = []
    try {
      const raw = storage.getItem(otherKey)
      if (raw === null) return
      let queue: StoredQueue | undefined
      try {
        queue = JSON.parse(raw) as StoredQueue
      } catch {
        log.warn(`stored queue ${otherKey} was unreadable and was discarded`)
      }
      if (queue && onlyIfGone && !queue.closed && Date.now() - queue.beat < STALE_MS) return
      storage.removeItem(otherKey)
      const entries = Array.isArray(queue?.events) ? queue.events : []
      adopted = entries.filter(isStoredEvent)
      const skipped = entries.length - adopted.length
      if (skipped > 0) log.error(`skipped ${skipped} stored entries that were not events`)
    } catch (error) {
      fallBack(error)
    }
    // Outside the storage's try: what the sink does with the events is no reason to stop storing.
    if (adopted.length > 0) handOver(adopted)
  }

  let eventsForSave: readonly string[] = []
  return {
    get persistent() {
      return usable
    },
    save(events) {
      eventsForSave = events
      write(events)
    },
    adoptLeftovers(handOver) {
      if (!usable || !storage) return
      const others: string[] = []
      try {
        for (let i = 0; i < storage.length; i++) {
          const other = storage.key(i)
          if (other?.startsWith(prefix) && other !== key) others.push(other)
        }
      } catch (error) {
        fallBack(error)
        return
      }
      for (const other of others) {
        // The lock of a live tab is held; a free lock means its tab is gone.
        if (lockManager) void lockManager.request(other, { ifAvailable: true }, (lock) => lock && take(other, false, handOver)).catch(() => {})
        else take(other, true, handOver)
      }
    },
    markClosed(value) {
      closed = value
      write(eventsForSave)
    },
    close() {
      releaseOwnLock?.()
    },
  }
}
