// The server benchmark (`npm run bench`, issue 15): trackplan/node as a server uses it, with its
// defaults (serverHttpSink with the disk journal), against a collector 50 ms away in another process.
// Three measures: how long after an outage of 30 s the last event reaches a collector that answers
// again, how many events per second reach the collector from a backlog, and whether the backlog stays
// flat while 1,000 events per second are tracked.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
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

/** A collector of its own that is down for `seconds` while 30 events a second are tracked: how long after it answers again the last of them is delivered. */
async function outage(seconds: number): Promise<{ recoveryMs: number; delivered: number; tracked: number }> {
  let delivered = 0
  let lastAt = 0
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      delivered += (JSON.parse(body) as { batch: unknown[] }).batch.length
      lastAt = performance.now()
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  }
  const listen = (server: Server, port: number): Promise<number> =>
    new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))
  let server = createServer(handle)
  const port = await listen(server, 0)
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const sink = serverHttpSink({ url: `http://127.0.0.1:${port}/collect`, directory: join(directory, 'outage') })
  const tracker = createServerTracker({ sinks: [sink] })
  const tracked = 30 * seconds
  for (let i = 0; i < tracked; i++) {
    tracker.track({ name: 'request.served', properties: { i }, userId: `user-${i % 20}` })
    if (i % 30 === 29) await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  server = createServer(handle)
  await listen(server, port)
  const upAt = performance.now()
  while (delivered < tracked && performance.now() - upAt < 120_000) await new Promise((resolve) => setTimeout(resolve, 50))
  await tracker.close({ timeoutMs: 5000 })
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return { recoveryMs: lastAt - upAt, delivered, tracked }
}

try {
  const down = await outage(30)
  const fast = await burst(50_000)
  const held = await steady(1000, 10)
  const growing = held.backlog.at(-1)! > 2 * Math.max(...held.backlog.slice(0, 3))
  console.log('\nServer (trackplan/node defaults: serverHttpSink, disk journal) to a collector answering in 50 ms, in another process')
  console.log(`  50,000 events tracked at once: ${fixed(fast.perSecond)} events/s delivered (${fixed(fast.delivered)} of 50,000 acknowledged)  target ≥ 5,000: ${fast.perSecond >= 5000 && fast.delivered === 50_000 ? 'met' : 'MISSED'}`)
  console.log(`  collector down for 30 s while ${fixed(down.tracked)} events were tracked: ${fixed(down.delivered)} delivered, the last ${(down.recoveryMs / 1000).toFixed(1)} s after it answered again  target ≤ 5 s: ${down.recoveryMs <= 5000 && down.delivered === down.tracked ? 'met' : 'MISSED'}`)
  console.log(`  1,000 events/s tracked for 10 s: events waiting at each second ${held.backlog.join(', ')}; ${fixed(held.delivered)} of 10,000 acknowledged  backlog ${growing || held.delivered !== 10_000 ? 'GROWS: MISSED' : 'flat: met'}`)
} finally {
  rmSync(directory, { recursive: true, force: true })
}
