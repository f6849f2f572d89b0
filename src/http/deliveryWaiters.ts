export interface DeliveryWaiters {
  readonly size: number
  /** Resolves once every id has settled (delivered or dropped), or after `timeoutMs`. */
  wait(ids: Set<string>, timeoutMs: number): Promise<void>
  settled(id: string): void
}

/** The `flush()` calls waiting for the events queued before them, each until those settle or its timeout. */
export function createDeliveryWaiters(): DeliveryWaiters {
  const waiting = new Set<{ ids: Set<string>; done(): void }>()
  return {
    get size() {
      return waiting.size
    },
    wait: (ids, timeoutMs) =>
      new Promise<void>((resolve) => {
        if (ids.size === 0) return resolve()
        const waiter = {
          ids,
          done: () => {
            clearTimeout(timer)
            waiting.delete(waiter)
            resolve()
          },
        }
        const timer = Number.isFinite(timeoutMs) ? setTimeout(waiter.done, timeoutMs) : undefined
        waiting.add(waiter)
      }),
    settled(id) {
      for (const waiter of waiting) if (waiter.ids.delete(id) && waiter.ids.size === 0) waiter.done()
    },
  }
}
