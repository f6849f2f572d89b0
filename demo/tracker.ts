import { consoleSink, createTracker } from 'trackplan'
import { appVersion, locale, pageUrl } from 'trackplan/enrichers'
import { httpSink } from 'trackplan/http'
import { plan } from './trackingPlan'

/** Events go to the dev server's collector (trackplan/vite's devCollector) and to the console. */
export const tracker = createTracker({
  sinks: [httpSink({ url: '/__trackplan/collect', batch: { intervalMs: 1000 } }), consoleSink()],
  context: { app: { name: 'trackplan-demo' } },
  // Version, locale and the page URL (without its query string) on every event.
  enrich: [appVersion('0.1.0'), locale(), pageUrl()],
  // In development, events are checked against the plan (warnings in the console and the Tracking panel).
  plan,
})
