// The collector benchmark (`npm run bench`, issue 16): `trackplan/collector` served over HTTP in its
// own process with the plan's validation on (zod schemas), duplicate detection in memory and a JSONL
// file; this process sends it batches of 100 events over 8 keep-alive connections for 5 s, and counts
// the events it acknowledged.
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCollector, jsonlFile, serveCollector } from 'trackplan/collector'
import { definePlan } from 'trackplan/core'
import { z } from 'zod'

const plan = definePlan({
  events: {
    'query.run': { description: 'A query finished', properties: z.object({ rows: z.number().int(), cached: z.boolean() }) },
    'button.clicked': { description: 'A button was clicked', properties: z.object({ label: z.string() }) },
  },
})

if (process.argv[2] === 'serve') {
  const directory = process.argv[3]!
  // One load generator stands for the many clients of a real collector: no per-address rate limit.
  const collector = createCollector({ plan, store: jsonlFile(join(directory, 'events.jsonl')), quarantine: jsonlFile(join(directory, 'invalid.jsonl')), rateLimit: false })
  const server = await serveCollector(collector, { port: 0 })
  process.send!({ url: server.url })
  process.on('message', async () => {
    process.send!({ counters: collector.counters() })
    await server.close()
    await collector.close()
    process.exit(0)
  })
} else {
  const directory = mkdtempSync(join(tmpdir(), 'trackplan-bench-collector-'))
  const child = fork(process.argv[1]!, ['serve', directory], { stdio: 'inherit' })
  const url = await new Promise<string>((resolve) => child.once('message', (message) => resolve((message as { url: string }).url)))
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  let sequence = 0
  const body = (): string => {
    const now = new Date().toISOString()
    const batch = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0
        ? { id: `b-${++sequence}`, type: 'track', name: 'query.run', properties: { rows: i, cached: false }, context: { app: 'webapp', page: { name: 'explorer', type: 'page' } }, timestamp: now, anonymousId: 'anon-1', userId: 'user-1' }
        : { id: `b-${++sequence}`, type: 'track', name: 'button.clicked', properties: { label: 'Run' }, context: { app: 'webapp' }, timestamp: now, anonymousId: 'anon-1' },
    )
    return JSON.stringify({ batch, sentAt: now })
  }
  const post = (payload: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const sent = request(`${url}/collect`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve(response.statusCode === 200 ? (JSON.parse(text) as { accepted: number }).accepted : 0))
      })
      sent.on('error', reject)
      sent.end(payload)
    })
  const seconds = 5
  const until = performance.now() + seconds * 1000
  let accepted = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        const taken = await post(body())
        accepted += taken
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  child.send('stop')
  const { counters } = await new Promise<{ counters: { accepted: number; duplicates: number } }>((resolve) => child.once('message', (message) => resolve(message as never)))
  await new Promise((resolve) => child.once('exit', resolve))
  agent.destroy()
  rmSync(directory, { recursive: true, force: true })
  console.log('\nCollector (trackplan/collector over HTTP in its own process: plan validation with zod, duplicates in memory, JSONL before each answer)')
  console.log(`  batches of 100 events on 8 connections for ${seconds} s: ${Math.round(accepted / elapsed).toLocaleString('en-US')} events/s accepted (${counters.accepted.toLocaleString('en-US')} stored, ${counters.duplicates} duplicates)`)
}
