// @vitest-environment node
// The server tracker in this process: request scopes through node:http and Fastify, ids per call,
// no anonymous id shared between users, seed 001's per-request batch, validation in production,
// and delivery problems logged once per cause, never once per event.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import Fastify from 'fastify'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createServerTracker, definePlan, eventListFormat, httpSink, memorySink, trackRequests, TrackingValidationError, type TrackedEvent } from '../../src/node.ts'
import { startCollector, type Collector } from '../http/collector.ts'

let collector: Collector
const closing: Array<() => unknown> = []
beforeEach(async () => {
  collector = await startCollector()
})
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
  await collector.close()
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

const listen = async (server: ReturnType<typeof createServer>): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closing.push(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Expect every event to carry the user its request said it had (`properties.expected`). */
const foreign = (events: readonly TrackedEvent[]): TrackedEvent[] => events.filter((event) => event.userId !== event.properties.expected)

it('node:http: each request\'s events carry its user, even when the user is known only after the middleware', async () => {
  const sink = memorySink()
  const tracker = createServerTracker({ sinks: [sink] })
  const middleware = trackRequests<IncomingMessage & { user?: string }>(tracker, { userId: (request) => request.user })
  const url = await listen(
    createServer((request: IncomingMessage & { user?: string }, response: ServerResponse) =>
      middleware(request, response, async () => {
        tracker.track({ name: 'page.requested', properties: { expected: undefined } })
        await tick(Math.random() * 10)
        // Authentication after the middleware: later events see the user.
        request.user = String(request.headers['x-user'])
        tracker.track({ name: 'work.done', properties: { expected: request.user } })
        response.end('ok')
      }),
    ),
  )
  await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(url, { headers: { 'x-user': `user-${i}` } }).then((response) => response.text())))
  expect(sink.events).toHaveLength(400)
  expect(foreign(sink.events)).toEqual([])
})

it('Fastify, as a preHandler hook after the JSON body is parsed: every event carries its request\'s user and anonymous id', async () => {
  const sink = memorySink()
  const tracker = createServerTracker({ sinks: [sink] })
  const app = Fastify()
  app.addHook('preHandler', trackRequests(tracker, { userId: (request) => request.headers['x-user'] as string }))
  app.post('/work', async (request) => {
    const expected = request.headers['x-user']
    tracker.track({ name: 'work.started', properties: { expected } })
    await tick(Math.random() * 10)
    tracker.track({ name: 'work.finished', properties: { expected, n: (request.body as { n: number }).n } })
    return { ok: true }
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  closing.push(() => app.close())
  const { port } = app.server.address() as { port: number }
  await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      fetch(`http://127.0.0.1:${port}/work`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': `user-${i}`, 'x-anonymous-id': `anon-${i}` },
        body: JSON.stringify({ n: i }),
      }).then((response) => response.text()),
    ),
  )
  expect(sink.events).toHaveLength(400)
  expect(foreign(sink.events)).toEqual([])
  expect(sink.events.filter((event) => event.anonymousId !== `anon-${String(event.properties.expected).slice(5)}`)).toEqual([])
})

it('outside a request: the call says whose event it is, and no two users share an anonymous id', () => {
  const sink = memorySink()
  const tracker = createServerTracker({ sinks: [sink] })
  tracker.track({ name: 'project.created', userId: 'user-1' })
  tracker.track({ name: 'project.created', userId: 42 as unknown as string })
  tracker.track({ name: 'schedule.ran' })
  tracker.identify('user-3', { plan: 'pro' })
  expect(sink.events.map((event) => event.userId)).toEqual(['user-1', '42', undefined, 'user-3'])
  expect(new Set(sink.events.map((event) => event.anonymousId)).size).toBe(4)
  // identify() outside a request sets nobody's user for later events.
  tracker.track({ name: 'schedule.ran' })
  expect(sink.events[4]!.userId).toBeUndefined()
})

it('inside a scope, identify() and reset() change that request\'s user only', async () => {
  const sink = memorySink()
  const tracker = createServerTracker({ sinks: [sink] })
  await Promise.all([
    tracker.runInScope({ anonymousId: 'anon-a' }, async () => {
      tracker.identify('user-a')
      await tick(5)
      tracker.track({ name: 'a.tracked' })
      tracker.reset()
      tracker.track({ name: 'a.after_reset' })
    }),
    tracker.runInScope({ anonymousId: 'anon-b', userId: 'user-b' }, async () => {
      await tick(2)
      tracker.track({ name: 'b.tracked', userId: 'user-b2' })
      tracker.track({ name: 'b.tracked' })
    }),
  ])
  const byName = (name: string): TrackedEvent[] => sink.events.filter((event) => event.name === name)
  expect(byName('a.tracked').map((event) => [event.userId, event.anonymousId])).toEqual([['user-a', 'anon-a']])
  expect(byName('a.after_reset')[0]!.userId).toBeUndefined()
  expect(byName('a.after_reset')[0]!.anonymousId).not.toBe('anon-a')
  expect(byName('b.tracked').map((event) => [event.userId, event.anonymousId])).toEqual([['user-b2', 'anon-b'], ['user-b', 'anon-b']])
})

it('seed 001\'s per-request batch: a request\'s events leave together at its end, in the array format, each with its user', async () => {
  const sink = httpSink({ url: `${collector.url}/collect`, format: eventListFormat, storage: 'memory', accessKey: 'key-1', batch: { intervalMs: 0 } })
  closing.push(() => sink.close())
  const tracker = createServerTracker({ sinks: [sink] })
  const middleware = trackRequests(tracker, { userId: (request) => request.headers['x-user'] as string, batch: true })
  const url = await listen(
    createServer((request, response) =>
      middleware(request, response, async () => {
        for (let i = 0; i < 3; i++) {
          tracker.track({ name: 'donation.step', properties: { i } })
          await tick(5)
        }
        response.end('ok')
      }),
    ),
  )
  await Promise.all(['user-1', 'user-2'].map((user) => fetch(url, { headers: { 'x-user': user } }).then((response) => response.text())))
  await tracker.flush({ timeoutMs: 2000 })
  const bodies = collector.requests.map((request) => request.body as { event_name: string; properties: { $userId: string; i: number } }[])
  // Each request's three events in one body, in order, each saying whose it is (two requests ending together may share one).
  for (const user of ['user-1', 'user-2']) {
    const holding = bodies.filter((body) => body.some((event) => event.properties.$userId === user))
    expect(holding).toHaveLength(1)
    expect(holding[0]!.filter((event) => event.properties.$userId === user).map((event) => [event.event_name, event.properties.i])).toEqual([
      ['donation.step', 0],
      ['donation.step', 1],
      ['donation.step', 2],
    ])
  }
  expect(collector.requests.every((request) => request.headers['x-analytics-key'] === 'key-1')).toBe(true)
})

it('validates in production when validate is set explicitly, and not otherwise', () => {
  vi.stubEnv('NODE_ENV', 'production')
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const plan = definePlan({ events: { 'invoice.paid': { description: 'An invoice was paid', properties: z.object({ amount: z.number() }) } } })
  const strict = createServerTracker({ sinks: [memorySink()], plan, validate: 'throw' })
  expect(() => strict.track({ name: 'invoice.paid', properties: { amount: 'ten' } })).toThrow(TrackingValidationError)
  expect(() => strict.track({ name: 'Invoice Paid' })).toThrow(TrackingValidationError)

  const notices: string[][] = []
  const warned = createServerTracker({ sinks: [memorySink()], plan, validate: 'warn' })
  warned.subscribe((notice) => notice.type === 'invalid' && notices.push(notice.problems))
  for (let i = 0; i < 3; i++) warned.track({ name: 'invoice.paid', properties: { amount: 'ten' } })
  expect(notices).toHaveLength(3)
  // Logged once, at error level (production shows errors only).
  expect(error.mock.calls.filter((call) => String(call[0]).includes('invoice.paid'))).toHaveLength(1)

  const quiet: unknown[] = []
  const unasked = createServerTracker({ sinks: [memorySink()], plan })
  unasked.subscribe((notice) => notice.type === 'invalid' && quiet.push(notice))
  unasked.track({ name: 'invoice.paid', properties: { amount: 'ten' } })
  expect(quiet).toEqual([])
})

it('4,000 events dropped past the queue bound and a refused collector: one error line per cause, with counts', async () => {
  vi.stubEnv('NODE_ENV', 'production')
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  collector.answer('drop')
  const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', maxQueuedEvents: 100, retry: { baseDelayMs: 10, maxDelayMs: 20 } })
  closing.push(() => sink.close())
  const tracker = createServerTracker({ sinks: [sink] })
  for (let i = 0; i < 4100; i++) tracker.track({ name: 'load.generated', userId: 'bench' })
  await tracker.flush({ timeoutMs: 300 })
  const lines = error.mock.calls.map((call) => String(call[0]))
  expect(lines.filter((line) => line.includes('queue full'))).toHaveLength(1)
  expect(lines.filter((line) => line.includes('network error'))).toHaveLength(1)
  expect(lines.length).toBeLessThanOrEqual(3)
})
