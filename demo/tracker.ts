import { consoleSink, createTracker } from 'trackplan'
import { httpSink } from 'trackplan/http'
import { plan } from './trackingPlan'

/** Events go to the dev server's collector (trackplan/vite's devCollector) and to the console. */
export const tracker = createTracker({
  sinks: [httpSink({ url: '/__trackplan/collect', batch: { intervalMs: 1000 } }), consoleSink()],
  context: { app: 'trackplan-demo' },
  // In development, events are checked against the plan (warnings in the console and the Tracking panel).
  plan,
})
