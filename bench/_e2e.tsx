import './jsdomGlobals'
import { createTracker } from 'trackplan'
import { httpSink } from 'trackplan/http'
const page = { name: 'explorer', type: 'page' } as const
const section = { name: 'sidebar', path: ['sidebar'] }
const event = { name: 'run_query_button.click', properties: { rows: 3 } }
const acknowledged = { status: 200, body: null } as Response
let bytes = 0
const sink = httpSink({ url: 'http://127.0.0.1:9/collect', storage: 'memory', maxQueuedEvents: 1_000_000, maxQueuedBytes: 1e12,
  batch: { maxEvents: 20, intervalMs: 60_000 }, fetch: async (_u, init) => { bytes += String(init?.body ?? '').length; return acknowledged } })
const tracker = createTracker({ sinks: [sink], logLevel: 'silent', validate: 'off' })
const mode = process.argv[2] ?? 'e2e'
for (let r = 0; r < Number(process.argv[3] ?? 12); r++) {
  const count = 20000
  const t = process.hrtime.bigint()
  for (let i = 0; i < count; i++) tracker.track(event, { page, section })
  const t1 = process.hrtime.bigint()
  await tracker.flush({ timeoutMs: Number.POSITIVE_INFINITY })
  const t2 = process.hrtime.bigint()
  console.log(`track ${(Number(t1 - t) / count).toFixed(0)} ns, flush ${(Number(t2 - t1) / count).toFixed(0)} ns per event`)
}
sink.close()
