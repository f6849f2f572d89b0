import { useState, useSyncExternalStore, type ReactNode } from 'react'
import { createTracker, TrackingProvider, type TrackedEvent } from 'trackplan'

interface EventLogStore {
  subscribe(onChange: () => void): () => void
  events(): TrackedEvent[]
}

/** A tracker that keeps every event it tracks, newest first, subscribed before anything renders. */
function createPreviewTracker() {
  const tracker = createTracker({ logLevel: 'silent' })
  let events: TrackedEvent[] = []
  const listeners = new Set<() => void>()
  tracker.subscribe((notice) => {
    if (notice.type !== 'tracked') return
    events = [notice.event, ...events]
    listeners.forEach((listener) => listener())
  })
  const log: EventLogStore = {
    subscribe: (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    events: () => events,
  }
  return { tracker, log }
}

/**
 * Wraps a story in a TrackingProvider backed by a fresh tracker, and lists the events
 * the story fired under it, newest first (until the Tracking panel addon replaces this list).
 */
export function TrackingPreview({ children }: { children: ReactNode }): ReactNode {
  const [{ tracker, log }] = useState(createPreviewTracker)
  return (
    <TrackingProvider tracker={tracker}>
      {children}
      <EventLog log={log} />
    </TrackingProvider>
  )
}

function EventLog({ log }: { log: EventLogStore }): ReactNode {
  const events = useSyncExternalStore(log.subscribe, log.events, log.events)
  return (
    <section aria-label="Tracked events" style={{ marginTop: 24, font: '12px/1.5 ui-monospace, monospace' }}>
      <strong>Tracked events ({events.length})</strong>
      <ol reversed style={{ paddingLeft: 20 }}>
        {events.map((event) => (
          <li key={event.id}>
            {event.type} <b>{event.name}</b>
            {event.context.page && ` · ${event.context.page.type} ${event.context.page.name}`}
            {event.context.section && ` · ${event.context.section.path.join(' › ')}`}
            {Object.keys(event.properties).length > 0 && ` · ${JSON.stringify(event.properties)}`}
          </li>
        ))}
      </ol>
    </section>
  )
}
