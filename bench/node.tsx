// The Node side of `npm run bench` (started by bench/run.ts): jsdom, and trackplan as the built
// package, loaded unbundled as tests and server rendering load it. bench/run.ts starts this program
// with the jsdom globals already in place (`--import`): an import here would run after every package
// had loaded, and a package that looks for `window` as it loads (posthog-js does) would see none.
import { writeFileSync } from 'node:fs'
import { createElement, type ReactNode } from 'react'
import { createTracker, TrackingProvider, TrackSection } from 'trackplan'
import { httpSink } from 'trackplan/http'
import { mount, page, section } from './candidates'
import { perRun, sideBySide, summarize, type Sample } from './measure'
import { report, runSuite } from './suite'

const event = { name: 'run_query_button.click' as never, properties: { rows: 3 } }
const acknowledged = { status: 200, body: null } as Response

/** Samples of mounting 1,000 TrackSections and 1,000 plain elements, in ns per element. */
function mountSections(): { sections: Sample; plain: Sample } {
  const tracker = createTracker({ logLevel: 'silent' })
  const items = Array.from({ length: 1000 }, (_, index) => index)
  const withSections = (
    <TrackingProvider tracker={tracker}>
      {items.map((index) => (
        <TrackSection key={index} name="card">
          <span />
        </TrackSection>
      ))}
    </TrackingProvider>
  )
  const plain = <div>{items.map((index) => createElement('div', { key: index }, <span />))}</div>
  let unmount = (): void => {}
  const time = (tree: ReactNode): Sample => perRun(() => (unmount = mount(tree)), { units: items.length, cleanup: () => unmount() })
  return { sections: time(withSections), plain: time(plain) }
}

/** Heap growth (KB) over each of three rounds of 100,000 events, each round flushed: a leak grows every round. */
async function heapAfterFlush(): Promise<number[]> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return []
  const sink = httpSink({ url: 'http://127.0.0.1:9/collect', storage: 'memory', batch: { intervalMs: 60_000 }, fetch: async () => acknowledged })
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', validate: 'off' })
  const run = async (count: number) => {
    for (let done = 0; done < count; done += 500) {
      for (let i = 0; i < 500; i++) tracker.track(event, { page, section })
      await tracker.flush({ timeoutMs: Number.POSITIVE_INFINITY })
    }
  }
  await run(10_000)
  const growth: number[] = []
  for (let round = 0; round < 3; round++) {
    gc()
    const before = process.memoryUsage().heapUsed
    await run(100_000)
    gc()
    growth.push((process.memoryUsage().heapUsed - before) / 1024)
  }
  sink.close()
  return growth
}

const samples = await runSuite(process.env.BENCH_COLLECTOR!, { segmentOverHttp: false })
if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(samples))
console.log(report('Node 20, jsdom, the built package loaded unbundled, NODE_ENV=production', samples, { segmentTarget: false }))

const mounts = mountSections()
const { median, ratio } = summarize(await sideBySide({ sections: mounts.sections, plain: mounts.plain }, { rounds: 9, warmup: 4 }))
console.log(
  `\nMounting 1,000 TrackSections: ${((median('sections') * 1000) / 1e6).toFixed(2)} ms; ` +
    `1,000 plain elements: ${((median('plain') * 1000) / 1e6).toFixed(2)} ms; ratio ${ratio('sections', 'plain').toFixed(2)} (target: at most 1.15)`,
)

const heap = await heapAfterFlush()
console.log(
  heap.length === 0
    ? 'Heap: run with --expose-gc to measure'
    : `Heap growth over 100,000 events once flushed, three rounds: ${heap.map((kb) => `${kb.toFixed(0)} KB`).join(', ')} (target: none)`,
)
// posthog-js leaves a timer running after the suite: the program ends here rather than wait on it.
process.exit(0)
