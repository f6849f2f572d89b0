export interface DeliveryWaiters {
  readonly size: number
  /**
   * Resolves once the `count` entries numbered up to `upTo` that are waiting now have settled
   * (delivered or dropped), or after `timeoutMs`.
   */
  wait(upTo: number, count: number, timeoutMs: number): Promise<void>
  /** An entry settled: `seq` is the number it was given when queued. */
  settled(seq: number): void
}

/**
 * The `flush()` calls waiting for the events queued before them, each until those settle or its
 * timeout. Entries are numbered in queueing order, so a waiter needs a count, not a set of ids.
 */
export function createDeliveryWaiters(): DeliveryWaiters {
  const waiting = new Set<{ upTo: number; left: number; done(): void }>()
  return {
    get size() {
      return waiting.size
    },
    wait: (upTo, count, timeoutMs) =>
      new Promise<void>((resolve) => {
        if (count === 0) return resolve()
        const waiter = {
          upTo,
          left: count,
          done: () => {
            clearTimeout(timer)
            waiting.delete(waiter)
            resolve()
          },
        }
        const timer = Number.isFinite(timeoutMs) ? setTimeout(waiter.done, timeoutMs) : undefined
        waiting.add(waiter)
      }),
    settled(seq) {
      for (const waiter of waiting) if (seq <= waiter.upTo && --waiter.left === 0) waiter.done()
    },
  }
}
