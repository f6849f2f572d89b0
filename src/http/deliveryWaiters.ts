import type { FlushResult } from '../core.js'

export interface DeliveryWaiters {
  readonly size: number
  /**
   * Resolves once the `count` entries numbered up to `upTo` that are waiting now have settled
   * (delivered or dropped), or after `timeoutMs`, with how many of them were delivered, dropped, or
   * were still pending.
   */
  wait(upTo: number, count: number, timeoutMs: number): Promise<FlushResult>
  /** An entry settled: `seq` is the number it was given when queued. */
  settled(seq: number, delivered: boolean): void
}

/**
 * The `flush()` calls waiting for the events queued before them, each until those settle or its
 * timeout. Entries are numbered in queueing order, so a waiter needs a count, not a set of ids.
 */
export function createDeliveryWaiters(): DeliveryWaiters {
  const waiting = new Set<{ upTo: number; result: FlushResult; done(): void }>()
  return {
    get size() {
      return waiting.size
    },
    wait: (upTo, count, timeoutMs) =>
      new Promise<FlushResult>((resolve) => {
        const result: FlushResult = { delivered: 0, dropped: 0, pending: count }
        if (count === 0) return resolve(result)
        const waiter = {
          upTo,
          result,
          done: () => {
            clearTimeout(timer)
            waiting.delete(waiter)
            resolve(result)
          },
        }
        const timer = Number.isFinite(timeoutMs) ? setTimeout(waiter.done, timeoutMs) : undefined
        waiting.add(waiter)
      }),
    settled(seq, delivered) {
      for (const waiter of waiting) {
        if (seq > waiter.upTo) continue
        const { result } = waiter
        if (delivered) result.delivered++
        else result.dropped++
        if (--result.pending === 0) waiter.done()
      }
    },
  }
}
