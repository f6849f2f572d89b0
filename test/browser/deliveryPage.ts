// The page of the delivery scenarios: a tracker with an httpSink to the collector that served it.
import { createTracker, type TrackingNotice } from 'trackplan/core'
import { httpSink } from 'trackplan/http'

const notices: { type: TrackingNotice['type']; reason?: string }[] = []
const sink = httpSink({ url: '/collect' })
const tracker = createTracker({ sinks: [sink], logLevel: 'info' })
tracker.subscribe((notice) => {
  notices.push({ type: notice.type, ...('reason' in notice ? { reason: notice.reason } : {}) })
})

function trackMany(count: number, label: string): string[] {
  const ids: string[] = []
  const stop = tracker.subscribe((notice) => notice.type === 'tracked' && ids.push(notice.event.id))
  for (let i = 0; i < count; i++) tracker.track({ name: 'scenario.event_tracked', properties: { label, i } })
  stop()
  return ids
}

Object.assign(window, {
  trackplanTest: { trackMany, notices, flush: () => tracker.flush({ timeoutMs: 5000 }), pending: () => sink.pendingCount },
})
