// The page of the enrichers test: every built-in enricher, and a function the test calls to change
// what they read (URL through the History API, title, window size) between events.
import { createTracker, memorySink } from 'trackplan/core'
import { appVersion, locale, pageUrl, referrer, screenSize } from 'trackplan/enrichers'

const sink = memorySink()
const tracker = createTracker({ sinks: [sink], enrich: [appVersion('2.0.0'), locale(), screenSize(), pageUrl(), referrer()] })

declare global {
  interface Window {
    trackAfter(change: string): void
    tracked(): unknown[]
  }
}

window.trackAfter = (change) => {
  if (change === 'pushState') history.pushState({}, '', '/next?token=secret')
  if (change === 'replaceState') history.replaceState({}, '', '/third#part')
  if (change === 'title') document.title = 'Renamed'
  tracker.track({ name: `after.${change}` as never })
}
window.tracked = () => sink.events.map((event) => ({ name: event.name, context: event.context }))
