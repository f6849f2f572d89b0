import type { Logger } from '../core.js'
import { browserStorage } from '../core/internal.js'
import type { QueuedEvent } from './eventQueue.js'
import { createEventStore, type EventStore } from './eventStore.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'
import { unref } from './unref.js'

const ANSWERED_WRITE_MS = 1000

export interface StoredQueue {
  /** The store, opened on first use (start, or a consent denial before any start). */
  store(): EventStore
  /** Writes every unacknowledged event now. */
  write(): void
  /** Writes within `ms`, or when an earlier write is due. */
  writeWithin(ms: number): void
  /** Writes once the collector's answers of this moment are in: their events left the queue. */
  writeAnswered(): void
  close(): void
}

/**
 * Where the outbox's unacknowledged events wait for the next page: localStorage (or the app's own
 * storage), none with `storage: 'memory'` or a journal. Each write is the whole queue.
 */
export function createStoredQueue(
  settings: HttpSinkSettings,
  log: Logger,
  unacknowledged: () => Iterable<QueuedEvent>,
  isEmpty: () => boolean,
): StoredQueue {
  const { name, storage, journal } = settings
  let store: EventStore | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  /** When the pending write is due (epoch ms); Infinity when none is. */
  let due = Infinity
  /**
   * Closed: the last write is done, and the next page may already have taken it. An answer that comes
   * later must not put those events back (they would be sent once more by every page that takes them).
   */
  let closed = false

  const open = (): EventStore => {
    if (store) return store
    const kept = storage === 'memory' || journal ? undefined : (storage ?? browserStorage())
    if (storage !== 'memory' && !journal && !kept && typeof window !== 'undefined') log.warn(`httpSink "${name}": no usable localStorage; events are kept in memory only`)
    // The url is part of the key: leftovers go to the collector they were meant for.
    return (store = createEventStore(kept, `trackplan:queue:${name}:${settings.url ?? ''}:`, log))
  }

  // A crash between an answer and this write can only make an acknowledged event be sent again, never lose one.
  const write = (): void => {
    clearTimeout(timer)
    due = Infinity
    if (closed || !store?.persistent) return
    const jsons: string[] = []
    for (const entry of unacknowledged()) jsons.push(entry.json)
    store.save(jsons)
  }

  const writeWithin = (ms: number): void => {
    // Nothing to write to (a journal instead, "memory", no usable storage): no timer either.
    if (closed || journal || store?.persistent === false) return
    const at = Date.now() + ms
    if (at >= due) return
    clearTimeout(timer)
    due = at
    timer = unref(setTimeout(write, ms))
  }

  return {
    store: open,
    write,
    writeWithin,
    /**
     * Events that left the queue (acknowledged, dropped) are written away within a second: a page
     * acknowledged batch by batch would otherwise rewrite the whole queue for every batch. Storage
     * lagging behind only means an acknowledged event may be sent again after a crash, and the
     * collector drops it by id. An emptied queue is written at once (a removal, and cheap).
     */
    writeAnswered: () => (isEmpty() ? write() : writeWithin(ANSWERED_WRITE_MS)),
    close() {
      write()
      closed = true
      store?.markClosed(true)
      store?.close()
    },
  }
}
