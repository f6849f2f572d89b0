import { createTracker, memorySink, type Sink, type TrackedEvent, type Tracker, type TrackerOptions } from '../core.js'
import { recordTracked } from './coverageRecord.js'

/** A tracker for tests that keeps what it tracked, for the matchers to read. */
export interface TestTracker extends Tracker {
  /** Everything tracked, oldest first. */
  readonly events: TrackedEvent[]
  /** Forgets what was tracked so far. */
  clear(): void
}

/**
 * A tracker for tests: it keeps every event in `.events`, and by default a name that breaks the
 * naming convention throws, so that a test catches it.
 *
 * @example
 * const tracker = createTestTracker()
 * tracker.track({ name: 'query.run', properties: { rows: 3 } })
 * expect(tracker).toHaveTracked('query.run', { rows: 3 })
 */
export function createTestTracker(options: TrackerOptions = {}): TestTracker {
  const sink = memorySink({ name: 'test' })
  const sinks: Sink[] = [sink, ...(options.sinks ?? [])]
  const tracker = createTracker({ validate: 'throw', logLevel: 'warn', ...options, sinks })
  tracker.subscribe((notice) => notice.type === 'tracked' && recordTracked(notice.event.type, notice.event.name))
  // Same functions and getters as the tracker, plus the events: a prototype keeps the getters live.
  return Object.assign(Object.create(tracker) as Tracker, {
    events: sink.events,
    clear: sink.clear,
  }) as TestTracker
}
