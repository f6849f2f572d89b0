import type { TrackedEvent } from '../core.js'

export interface Arrivals {
  /** Events just tracked: handed over once this task ends. */
  add(events: readonly TrackedEvent[]): void
  /** Runs `afterTask` once this task ends, even with nothing arrived (events adopted from storage). */
  wake(): void
  /** Hands over what arrived now. */
  take(): void
  readonly length: number
  cancel(): void
}

/**
 * The events tracked during this task, handed over together once it ends (a 0 ms timer), or at once
 * with `take()`: serializing and queueing them was most of what track() cost with an httpSink, and
 * batches leave after the tracking call that filled them, not inside it. The tracker hands over
 * envelopes it built from copies, so nothing the app holds can change them meanwhile.
 */
export function createArrivals(handOver: (events: TrackedEvent[]) => void, afterTask: () => void): Arrivals {
  let arrived: TrackedEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const take = (): void => {
    if (arrived.length === 0) return
    const events = arrived
    arrived = []
    handOver(events)
  }
  const wake = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined
      take()
      afterTask()
    }, 0)
  }
  return {
    add(events) {
      for (const event of events) arrived.push(event)
      wake()
    },
    wake,
    take,
    get length() {
      return arrived.length
    },
    cancel: () => clearTimeout(timer),
  }
}
