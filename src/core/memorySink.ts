import type { Sink, TrackedEvent } from './types.js'

export interface MemorySink extends Sink {
  /** Every event received, oldest first. */
  readonly events: TrackedEvent[]
  /** Forgets the events received so far. */
  clear(): void
}

/**
 * Keeps events in an array: for tests, stories and debugging.
 *
 * @example
 * const sink = memorySink()
 * const tracker = createTracker({ sinks: [sink] })
 * tracker.track({ name: 'run_query_button.click' })
 * sink.events[0]?.name // 'run_query_button.click'
 */
export function memorySink(options: { name?: string } = {}): MemorySink {
  const events: TrackedEvent[] = []
  return {
    name: options.name ?? 'memory',
    events,
    send(batch) {
      events.push(...batch)
    },
    clear() {
      events.length = 0
    },
  }
}
