// The server benchmark (`npm run bench`, issue 15): trackplan/node as a server uses it, with its
// defaults (serverHttpSink with the disk journal), against a collector 50 ms away in another process.
// Two measures: how many events per second reach the collector from a backlog, and whether the
// backlog stays flat while 1,000 events per second are tracked.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServerTracker, serverHttpSink } from 'trackplan/node'

const collector = process.env.BENCH_SLOW_COLLECTOR!
const directory = mkdtempSync(join(tmpdir(), 'trackplan-bench-queue-'))
const fixed = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 0 })

/** `count` events tracked as fast as a loop can, 1,000 per turn of the event loop, until all are acknowledged. */
async function burst(count: number): Promise<{ perSecond: number; delivered: number }> {
  const sink = serverHttpSink({ url: `${collector}/collect`, directory: join(directory, 'burst') })
  const tracker = createServerTracker({ sinks: [sink], context: { service: 'api' } })
  const started = performance.now()
  for (let i = 0; i < count; i += 1000) {
    for (let k = 0; k < 1000; k++) tracker.track({ name: 'load.generated', properties: { i: i + k }, userId: `user-${k % 50}` })
    await new Promise((resolve) => setImmediate(resolve))
  }
  const result = await tracker.close({ timeoutMs: 120_000 })
  // What close() waited for and did not see delivered; the rest was acknowledged before it, or by it.
  const delivered = count - result.pending - result.dropped
  return { perSecond: (delivered / (performance.now() - started)) * 1000, delivered }
}

/** `perSecond` events a second, for `seconds`: the events waiting (queued or in flight) at each second. */
async function steady(perSecond: number, seconds: number): Promise<{ backlog: number[]; delivered: number }> {
  const sink = serverHttpSink({ url: `${collector}/collect`, directory: join(directory, 'steady') })
  const tracker = createServerTracker({ sinks: [sink] })
  const backlog: number[] = []
  const perTick = perSecond / 100
  let ticks = 0
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      for (let k = 0; k < perTick; k++) tracker.track({ name: 'request.served', properties: { tick: ticks }, userId: `user-${k}` })
      if (++ticks % 100 === 0) backlog.push(sink.pendingCount)
      if (ticks === seconds * 100) {
        clearInterval(timer)
        done()
      }
    }, 10)
  })
  const result = await tracker.close({ timeoutMs: 60_000 })
  return { backlog, delivered: perSecond * seconds - result.pending - result.dropped }
}

try {
  const fast = await burst(50_000)
  const held = await steady(1000, 10)
  const growing = held.backlog.at(-1)! > 2 * Math.max(...held.backlog.slice(0, 3))
  console.log('\nServer (trackplan/node defaults: serverHttpSink, disk journal) to a collector answering in 50 ms, in another process')
  console.log(`  50,000 events tracked at once: ${fixed(fast.perSecond)} events/s delivered (${fixed(fast.delivered)} of 50,000 acknowledged)  target ≥ 5,000: ${fast.perSecond >= 5000 && fast.delivered === 50_000 ? 'met' : 'MISSED'}`)
  console.log(`  1,000 events/s tracked for 10 s: events waiting at each second ${held.backlog.join(', ')}; ${fixed(held.delivered)} of 10,000 acknowledged  backlog ${growing || held.delivered !== 10_000 ? 'GROWS: MISSED' : 'flat: met'}`)
} finally {
  rmSync(directory, { recursive: true, force: true })
}
