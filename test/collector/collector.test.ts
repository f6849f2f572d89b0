// @vitest-environment node
// The collector's handler, as Request → Response and over real HTTP on 127.0.0.1: formats, the
// access key, limits, the plan and its quarantine, duplicates, clock skew, storage failures, floods,
// and bad input of every shape (fast-check), which never crashes it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { connect } from 'node:net'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { z } from 'zod'
import { createCollector, jsonlFile, memoryDedupe, serveCollector, type Collector, type CollectorOptions, type Dedupe, type EventFile } from '../../src/collector.ts'
import { createTracker, definePlan, type TrackedEvent } from '../../src/core.ts'
import { eventListFormat, httpSink } from '../../src/http.ts'

let directory: string
const closing: Array<() => unknown> = []
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'trackplan-collector-'))
})
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
  rmSync(directory, { recursive: true, force: true })
})

const plan = definePlan({
  events: {
    'query.run': { description: 'A query finished', properties: z.object({ rows: z.number() }) },
    'button.clicked': { description: 'A button was clicked' },
  },
})

const lines = (file: string): Record<string, unknown>[] => {
  try {
    return readFileSync(join(directory, file), 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
  } catch {
    return []
  }
}

const start = (options: Partial<CollectorOptions> = {}): Collector => {
  const collector = createCollector({ plan, store: jsonlFile(join(directory, 'events.jsonl')), quarantine: jsonlFile(join(directory, 'invalid.jsonl')), log: () => {}, ...options })
  closing.push(() => collector.close())
  return collector
}

let counter = 0
const event = (name: string, properties: Record<string, unknown> = {}, overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  id: `event-${++counter}`,
  type: 'track',
  name,
  properties,
  context: {},
  timestamp: new Date().toISOString(),
  anonymousId: 'anon-1',
  ...overrides,
})

const post = (collector: Collector, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  collector.handle(new Request('http://collector.test/collect', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }))

it('stores valid events with receivedAt, and quarantines what breaks the plan with its reasons, counted by name and reason', async () => {
  const collector = start()
  const good = event('query.run', { rows: 3 })
  const badProperties = event('query.run', { rows: 'three' })
  const unknown = event('query.ran')
  const response = await post(collector, { batch: [good, badProperties, unknown], sentAt: new Date().toISOString() })
  expect(response.status).toBe(200)
  expect(lines('events.jsonl').map((stored) => stored.id)).toEqual([good.id])
  expect(lines('events.jsonl')[0]!.receivedAt).toEqual(expect.any(String))
  expect(lines('invalid.jsonl').map((stored) => [(stored.event as TrackedEvent).id, stored.reasons])).toEqual([
    [badProperties.id, [expect.stringContaining('rows')]],
    [unknown.id, ['event "query.ran" is not in the tracking plan']],
  ])
  const [rowsProblem] = lines('invalid.jsonl')[0]!.reasons as string[]
  expect(collector.counters()).toEqual({
    accepted: 1,
    duplicates: 0,
    invalid: { 'query.run': { [rowsProblem!]: 1 }, 'query.ran': { 'event "query.ran" is not in the tracking plan': 1 } },
    refused: {},
  })
})

it('drops duplicates by id across requests and inside one, valid or not', async () => {
  const collector = start()
  const first = event('button.clicked')
  const invalid = event('nope.nope')
  expect((await post(collector, { batch: [first, first, invalid] })).status).toBe(200)
  const again = await post(collector, { batch: [first, invalid, event('button.clicked')] })
  expect(await again.json()).toEqual({ accepted: 1, duplicates: 2, invalid: [] })
  expect(lines('events.jsonl')).toHaveLength(2)
  expect(lines('invalid.jsonl')).toHaveLength(1)
  expect(collector.counters().duplicates).toBe(3)
})

it('corrects the client\'s clock from sentAt: a client 1 h fast has its events placed at our time', async () => {
  const collector = start()
  const hourAhead = Date.now() + 3_600_000
  const fast = event('button.clicked', {}, { timestamp: new Date(hourAhead - 5000).toISOString() })
  await post(collector, { batch: [fast], sentAt: new Date(hourAhead).toISOString() })
  const [stored] = lines('events.jsonl')
  expect(stored!.originalTimestamp).toBe(fast.timestamp)
  // 5 s before it was sent, by our clock: within a second of now − 5 s.
  expect(Math.abs(Date.parse(stored!.timestamp as string) - (Date.now() - 5000))).toBeLessThan(1000)
})

it('accepts seed 001\'s array format, with the user on each event', async () => {
  const collector = start()
  const format = eventListFormat([event('query.run', { rows: 1 }, { userId: 'user-1' })], { idempotencyKey: 'k', sentAt: new Date().toISOString() })
  const response = await post(collector, format)
  expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, invalid: [] })
  expect(lines('events.jsonl')[0]).toMatchObject({ name: 'query.run', properties: { rows: 1 }, userId: 'user-1', anonymousId: 'anon-1' })
})

it('answers as httpSink retries by: 401/403 without the key, 413 too large, 400 malformed; nothing stored', async () => {
  const collector = start({ accessKey: ['key-1', 'key-2'], maxBodyBytes: 10_000 })
  const batch = { batch: [event('button.clicked')] }
  expect((await post(collector, batch)).status).toBe(401)
  expect((await post(collector, batch, { 'x-analytics-key': 'wrong' })).status).toBe(403)
  expect((await post(collector, { batch: [event('button.clicked', { text: 'x'.repeat(20_000) })] }, { 'x-analytics-key': 'key-2' })).status).toBe(413)
  // A body over the limit without a content-length is cut off while it streams.
  const chunks = new ReadableStream({ pull: (controller) => controller.enqueue(new TextEncoder().encode('x'.repeat(4096))) })
  const streamed = await collector.handle(new Request('http://collector.test/collect', { method: 'POST', headers: { 'x-analytics-key': 'key-1' }, body: chunks, duplex: 'half' } as RequestInit))
  expect(streamed.status).toBe(413)
  for (const body of ['{not json', '{"events":[]}', 'null', '42', '"batch"']) {
    const response = await post(collector, body, { 'x-analytics-key': 'key-1' })
    expect([body, response.status]).toEqual([body, 400])
    expect(((await response.json()) as { error: string }).error).toEqual(expect.any(String))
  }
  expect(lines('events.jsonl')).toEqual([])
  expect(collector.counters().refused).toEqual({ 400: 5, 401: 1, 403: 1, 413: 2 })
})

it('a plan with an asynchronous schema is awaited: its events are judged in order, each by its own result', async () => {
  const asyncPlan = definePlan({
    events: {
      'coupon.applied': { description: 'A coupon was applied', properties: z.object({ code: z.string().refine(async (code) => (await Promise.resolve(code)).startsWith('C-'), 'unknown coupon') }) },
      'button.clicked': { description: 'A button was clicked' },
    },
  })
  const collector = start({ plan: asyncPlan })
  const sent = [event('coupon.applied', { code: 'C-1' }), event('button.clicked'), event('coupon.applied', { code: 'X-2' }), event('coupon.applied', { code: 'C-3' })]
  const response = await post(collector, { batch: sent })
  expect(await response.json()).toMatchObject({ accepted: 3, invalid: [{ id: sent[2]!.id, reasons: [expect.stringContaining('unknown coupon')] }] })
  expect(lines('events.jsonl').map((stored) => stored.id)).toEqual([sent[0]!.id, sent[1]!.id, sent[3]!.id])
})

it('over HTTP, a client that goes away halfway through its body: the request is said to have failed, nothing is stored, and the next client is served', async () => {
  const logs: string[] = []
  const collector = start({ log: (message) => logs.push(message) })
  const server = await serveCollector(collector, { port: 0 })
  closing.push(() => server.close())
  const { port } = new URL(server.url)
  const half = JSON.stringify({ batch: [event('button.clicked')] })
  await new Promise<void>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(`POST /collect HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${half.length}\r\n\r\n${half.slice(0, 20)}`)
      setTimeout(() => socket.destroy(), 50)
    })
    socket.on('close', () => resolve())
  })
  await expect.poll(() => logs).toEqual(['a request failed: Error: aborted'])
  const next = await fetch(`${server.url}/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: [event('button.clicked')] }) })
  expect(next.status).toBe(200)
  expect(lines('events.jsonl')).toHaveLength(1)
})

it('an event over maxEventBytes and events of the wrong shape go to quarantine, the rest are stored', async () => {
  const collector = start({ maxEventBytes: 2000 })
  const response = await post(collector, { batch: [event('button.clicked', { note: 'x'.repeat(3000) }), { id: 'shapeless' }, 7, null, event('button.clicked')] })
  expect(response.status).toBe(200)
  expect(lines('events.jsonl')).toHaveLength(1)
  expect(lines('invalid.jsonl').map((stored) => stored.reasons)).toEqual([
    [expect.stringMatching(/^too large: \d+ bytes$/)],
    expect.arrayContaining(['type: expected "track", "page" or "identify"', 'name: expected a non-empty string']),
    ['not an object'],
    ['not an object'],
  ])
})

it('cannot store: 503 with Retry-After, and the retry is accepted rather than taken for a duplicate', async () => {
  let failing = true
  const file = jsonlFile(join(directory, 'events.jsonl'))
  const store: EventFile = {
    append: (records) => {
      if (failing) throw new Error('ENOSPC: no space left on device')
      file.append(records)
    },
    close: () => file.close(),
  }
  const collector = start({ store })
  const batch = { batch: [event('button.clicked')] }
  const refused = await post(collector, batch)
  expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '5'])
  failing = false
  expect(await (await post(collector, batch)).json()).toEqual({ accepted: 1, duplicates: 0, invalid: [] })
  expect(lines('events.jsonl')).toHaveLength(1)
})

it('an overload from many clients: beyond maxConcurrentRequests it answers 503 with Retry-After, never crashes, and stores every event it acknowledged', async () => {
  // Duplicates checked 20 ms away (a Redis round trip), so that requests pile up.
  const remembered = memoryDedupe()
  const distant: Dedupe = {
    claim: async (ids) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return remembered.claim(ids)
    },
    release: (ids) => remembered.release(ids),
  }
  // One address stands for many clients here: the per-address rate limit (429) is off.
  const collector = start({ maxConcurrentRequests: 4, dedupe: distant, rateLimit: false })
  const server = await serveCollector(collector, { port: 0 })
  closing.push(() => server.close())
  const answers = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      fetch(`${server.url}/collect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: [event('button.clicked', { i })] }) }).then(async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { accepted?: number } })),
    ),
  )
  const statuses = new Set(answers.map((answer) => answer.status))
  expect(answers.filter((answer) => answer.status === 503).length).toBeGreaterThan(0)
  expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true)
  expect(answers.filter((answer) => answer.status === 503).every((answer) => answer.retryAfter === '1')).toBe(true)
  expect(lines('events.jsonl')).toHaveLength(answers.filter((answer) => answer.status === 200).length)
  const health = (await (await fetch(`${server.url}/health`)).json()) as { ok: boolean; accepted: number }
  expect(health).toMatchObject({ ok: true, accepted: lines('events.jsonl').length })
})

it('any body, any headers: a clear status, never a crash, nothing stored from what it refused (fast-check)', async () => {
  const collector = start({ maxBodyBytes: 50_000, accessKey: 'key' })
  const anything = fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ batch: [value] })), fc.jsonValue().map((value) => JSON.stringify([value])))
  await fc.assert(
    fc.asyncProperty(anything, fc.constantFrom<Record<string, string>>({ 'x-analytics-key': 'key' }, {}, { 'x-analytics-key': '' }), async (body, headers) => {
      const response = await post(collector, body, headers)
      expect([200, 400, 401, 403, 413]).toContain(response.status)
      const answer = (await response.json()) as object
      expect(answer).toEqual(expect.any(Object))
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
  )
})

it('end to end in Node: httpSink → the collector over real HTTP, with the access key', async () => {
  const collector = start({ accessKey: 'pk_test' })
  const server = await serveCollector(collector, { port: 0 })
  closing.push(() => server.close())
  const sink = httpSink({ url: `${server.url}/collect`, accessKey: 'pk_test', storage: 'memory' })
  closing.push(() => sink.close())
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  tracker.track({ name: 'query.run', properties: { rows: 5 } })
  tracker.track({ name: 'query.run', properties: { rows: 'five' } })
  expect(await tracker.flush({ timeoutMs: 3000 })).toEqual({ delivered: 2, dropped: 0, pending: 0 })
  expect(lines('events.jsonl').map((stored) => stored.properties)).toEqual([{ rows: 5 }])
  expect(lines('invalid.jsonl')).toHaveLength(1)
})

it('a JSONL file rotated many times in one millisecond loses no line', () => {
  const file = jsonlFile(join(directory, 'burst.jsonl'), { rotateBytes: 100 })
  for (let i = 0; i < 200; i++) file.append([{ i, note: 'x'.repeat(80) }])
  file.close()
  const files = readdirSync(directory).filter((name) => name.startsWith('burst'))
  const lines = files.flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n').filter(Boolean))
  expect(lines.map((line) => (JSON.parse(line) as { i: number }).i).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i))
  expect(files).toHaveLength(200)
})

it('hands accepted events on to trackplan sinks once stored, and rotates its JSONL file by size', async () => {
  const forwarded: TrackedEvent[] = []
  const collector = start({ store: jsonlFile(join(directory, 'events.jsonl'), { rotateBytes: 2000 }), sinks: [{ name: 'onward', send: (events) => void forwarded.push(...events) }] })
  for (let i = 0; i < 10; i++) await post(collector, { batch: [event('button.clicked', { i, note: 'x'.repeat(300) }), event('nope.nope')] })
  expect(forwarded.map((sent) => sent.properties.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  const files = readdirSync(directory).filter((name) => name.startsWith('events'))
  expect(files.length).toBeGreaterThan(1)
  const all = files.flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n').filter(Boolean))
  expect(all).toHaveLength(10)
  expect(files.every((name) => statSync(join(directory, name)).size <= 2000)).toBe(true)
})
