// The page of the collector's end-to-end test: an httpSink to the collector named in ?collect=, on
// another origin, with its access key.
import { createTracker } from 'trackplan/core'
import { httpSink } from 'trackplan/http'

const collect = new URLSearchParams(location.search).get('collect')!
const sink = httpSink({ url: `${collect}/collect`, accessKey: 'pk_page', batch: { intervalMs: 50 } })
const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })

/** Tracks `count` query.run events, with rows a number (valid) or a string (breaks the plan). */
function trackMany(count: number, rows: 'number' | 'string'): string[] {
  const ids: string[] = []
  const stop = tracker.subscribe((notice) => notice.type === 'tracked' && ids.push(notice.event.id))
  for (let i = 0; i < count; i++) tracker.track({ name: 'query.run', properties: { rows: rows === 'number' ? i : `${i}` } })
  stop()
  return ids
}

Object.assign(window, { trackplanTest: { trackMany, pending: () => sink.pendingCount } })
