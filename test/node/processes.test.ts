// @vitest-environment node
// trackplan/node in real server processes (NODE_ENV=production): an Express app under 1,000
// concurrent requests, shutdown on SIGTERM with the collector slow, down then back, and down
// throughout, kill -9 and restart, a one-shot script and a serverless handler; a real collector
// on 127.0.0.1 in this process.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { FlushResult, TrackedEvent } from '../../src/node.ts'
import { startCollector, type Collector } from '../http/collector.ts'
import { startServer, type ServerProcess } from './serverProcess.ts'

let collector: Collector
let queueDirectory: string
const processes: ServerProcess[] = []

beforeEach(async () => {
  collector = await startCollector()
  queueDirectory = mkdtempSync(join(tmpdir(), 'trackplan-queue-'))
})
afterEach(async () => {
  for (const server of processes.splice(0)) server.child.kill('SIGKILL')
  await collector.close()
  rmSync(queueDirectory, { recursive: true, force: true })
})

const start = async (mode: string, env: Record<string, string> = {}): Promise<ServerProcess> => {
  const server = await startServer(mode, { COLLECTOR_URL: collector.url, QUEUE_DIR: queueDirectory, ...env })
  processes.push(server)
  return server
}

/** What a collector honouring idempotency keys stores: each acknowledged batch once, by its key. */
const stored = (): TrackedEvent[] => {
  const seen = new Set<string>()
  const events: TrackedEvent[] = []
  for (const request of collector.requests) {
    const key = String(request.headers['idempotency-key'])
    const status = typeof request.answer === 'object' ? request.answer.status : request.answer
    if (status !== 200 || seen.has(key)) continue
    seen.add(key)
    events.push(...(request.body as { batch: TrackedEvent[] }).batch)
  }
  return events
}
const distinctIds = (events: TrackedEvent[]): number => new Set(events.map((event) => event.id)).size

/** `count` POSTs to the app at once, user-<i> each, with its anonymous id and request id in headers. */
const requests = (port: number, count: number): Promise<unknown> =>
  Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`http://127.0.0.1:${port}/work`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': `user-${i}`, 'x-anonymous-id': `anon-${i}`, 'x-request-id': `req-${i}` },
        body: JSON.stringify({ n: i }),
      }).then((response) => response.text()),
    ),
  )

const until = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
}

it('1,000 concurrent requests through Express: every event carries its own request\'s user, anonymous id and context', async () => {
  const app = await start('app')
  await requests(await app.line<number>('port'), 1000)
  app.child.kill('SIGTERM')
  expect(await app.line<FlushResult>('closed')).toEqual({ delivered: expect.any(Number), dropped: 0, pending: 0 })
  const events = stored()
  expect(events).toHaveLength(3000)
  const foreign = events.filter((event) => {
    const expected = event.properties.expected as string
    const n = expected.slice('user-'.length)
    return event.userId !== expected || event.anonymousId !== `anon-${n}` || event.context.requestId !== `req-${n}`
  })
  expect(foreign).toEqual([])
}, 60_000)

it('SIGTERM with the collector answering in 2 s: nothing lost within the shutdown budget', async () => {
  collector.answer({ status: 200, delayMs: 2000 })
  const app = await start('app', { CLOSE_TIMEOUT_MS: '15000' })
  await requests(await app.line<number>('port'), 300)
  const signalled = Date.now()
  app.child.kill('SIGTERM')
  const closed = await app.line<FlushResult>('closed', 30_000)
  expect({ closed, stored: stored().length, distinct: distinctIds(stored()) }).toEqual({ closed: { delivered: 900, dropped: 0, pending: 0 }, stored: 900, distinct: 900 })
  expect(Date.now() - signalled).toBeLessThan(15_000)
}, 60_000)

it('SIGTERM right after an outage, the collector back 2 s later: retried at once, nothing lost', async () => {
  let backAt = Infinity
  collector.answer(() => (Date.now() < backAt ? 'drop' : 200))
  const app = await start('app', { CLOSE_TIMEOUT_MS: '10000' })
  await requests(await app.line<number>('port'), 300)
  backAt = Date.now() + 2000
  app.child.kill('SIGTERM')
  const closed = await app.line<FlushResult>('closed', 30_000)
  expect({ closed, stored: stored().length, distinct: distinctIds(stored()) }).toEqual({ closed: { delivered: 900, dropped: 0, pending: 0 }, stored: 900, distinct: 900 })
}, 60_000)

it('SIGTERM with the collector down throughout: the result says 900 pending, and the next start delivers them', async () => {
  collector.answer('drop')
  const first = await start('app', { CLOSE_TIMEOUT_MS: '2000' })
  await requests(await first.line<number>('port'), 300)
  first.child.kill('SIGTERM')
  expect(await first.line<FlushResult>('closed')).toEqual({ delivered: 0, dropped: 0, pending: 900 })
  await first.exited
  expect(stored()).toEqual([])

  collector.answer(200)
  const second = await start('app')
  await second.line('port')
  await until(() => stored().length >= 900, 20_000)
  second.child.kill('SIGTERM')
  await second.line('closed')
  const events = stored()
  expect({ stored: events.length, distinct: distinctIds(events), names: [...new Set(events.map((event) => event.name))].sort() }).toEqual({
    stored: 900,
    distinct: 900,
    names: ['work.continued', 'work.finished', 'work.started'],
  })
}, 60_000)

it('kill -9 while tracking and sending, then a restart: every event tracked is stored once', async () => {
  collector.answer({ status: 200, delayMs: 30 })
  const job = await start('stream')
  await job.line('started')
  await until(() => job.lines.length > 2000, 20_000)
  job.child.kill('SIGKILL')
  await job.exited
  const tracked = job.lines.flatMap((line) => (typeof line.tracked === 'string' ? [line.tracked] : []))
  expect(tracked.length).toBeGreaterThanOrEqual(2000)

  const answeredBeforeRestart = collector.requests.length
  const restarted = await start('app')
  await restarted.line('port')
  const received = (): Set<string> => new Set(stored().map((event) => event.id))
  await until(() => tracked.every((id) => received().has(id)), 20_000)
  restarted.child.kill('SIGTERM')
  await restarted.line('closed')
  const events = stored()
  const ids = new Set(events.map((event) => event.id))
  expect({ lost: tracked.filter((id) => !ids.has(id)).length, duplicates: events.length - ids.size }).toEqual({ lost: 0, duplicates: 0 })
  // The kill left events behind, and it was the restart that delivered them, from the journal.
  const afterRestart = collector.requests.slice(answeredBeforeRestart).flatMap((request) => (request.body as { batch: TrackedEvent[] }).batch)
  expect(afterRestart.filter((event) => tracked.includes(event.id)).length).toBeGreaterThan(0)
}, 60_000)

it('a one-shot script whose collector is down returns from close() at its timeout with an honest result, and ends', async () => {
  collector.answer('drop')
  const script = await start('oneshot', { CLOSE_TIMEOUT_MS: '1000' })
  const closed = await script.line<FlushResult>('closed')
  expect(closed).toEqual({ delivered: 0, dropped: 0, pending: 3 })
  expect(script.lines[0]!.elapsedMs).toBeLessThan(1500)
  const ended = await Promise.race([script.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))])
  expect(ended).toEqual({ code: 0, signal: null })
}, 30_000)

it('a serverless handler: one 503 then a healthy collector, all 3 delivered within its 1 s budget', async () => {
  let first = true
  collector.answer(() => (first ? ((first = false), 503) : 200))
  const handler = await start('serverless', { QUEUE_DIR: '' })
  const result = await handler.line<FlushResult>('result')
  expect(result).toEqual({ delivered: 3, dropped: 0, pending: 0 })
  expect(handler.lines[0]!.elapsedMs).toBeLessThan(1000)
  expect(distinctIds(stored())).toBe(3)
}, 30_000)

it('a serverless handler whose collector is down returns at its budget and says 3 are pending', async () => {
  collector.answer('drop')
  const handler = await start('serverless', { QUEUE_DIR: '' })
  const result = await handler.line<FlushResult>('result')
  expect(result).toEqual({ delivered: 0, dropped: 0, pending: 3 })
  expect(handler.lines[0]!.elapsedMs).toBeGreaterThanOrEqual(990)
  expect(handler.lines[0]!.elapsedMs).toBeLessThan(1500)
  expect(await handler.exited).toEqual({ code: 0, signal: null })
}, 30_000)
