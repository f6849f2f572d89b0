// The page of the delivery scenarios: a tracker with an httpSink to the collector that served it.
import { createTracker, type TrackingNotice } from 'trackplan/core'
import { httpSink } from 'trackplan/http'

const notices: { type: TrackingNotice['type']; reason?: string }[] = []

function start() {
  const sink = httpSink({ url: '/collect' })
  const tracker = createTracker({ sinks: [sink], logLevel: 'info' })
  tracker.subscribe((notice) => {
    notices.push({ type: notice.type, ...('reason' in notice ? { reason: notice.reason } : {}) })
  })
  return { sink, tracker }
}

let { sink, tracker } = start()

/**
 * The app closes its sink and, in a later task, starts another in the same page, as a sign-out or a hot
 * reload does. The closed sink's Web Lock is let go asynchronously: a sink started in the same task
 * finds it still held and takes that queue only at its next start or when the page is shown again.
 */
async function replace(): Promise<void> {
  sink.close()
  await new Promise((resolve) => setTimeout(resolve, 0))
  ;({ sink, tracker } = start())
}

function trackMany(count: number, label: string): string[] {
  const ids: string[] = []
  const stop = tracker.subscribe((notice) => notice.type === 'tracked' && ids.push(notice.event.id))
  for (let i = 0; i < count; i++) tracker.track({ name: 'scenario.event_tracked', properties: { label, i } })
  stop()
  return ids
}

Object.assign(window, {
  trackplanTest: { trackMany, notices, flush: () => tracker.flush({ timeoutMs: 5000 }), pending: () => sink.pendingCount, replace },
})
