// @vitest-environment node
// After an outage, delivery resumes within 5 s of the collector answering again, however long the
// outage was: the backoff between attempts is capped at 4 s by default (2 to 4 s with its jitter),
// and a Retry-After still makes a wait longer, never shorter. Simulated time: the collector is a
// fetch that fails until the outage ends.
import { createTracker } from 'trackplan/core'
import { httpSink } from 'trackplan/http'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** A collector that refuses (a network error, or 503 with `retryAfter`) until `upAt`, then takes every batch. */
function collector(upAt: number, retryAfter?: string) {
  const attempts: number[] = []
  const delivered: { at: number; count: number }[] = []
  const fetch = async (_url: unknown, init?: RequestInit): Promise<Response> => {
    attempts.push(Date.now())
    if (Date.now() < upAt) {
      if (retryAfter === undefined) throw new TypeError('fetch failed')
      return new Response('{}', { status: 503, headers: { 'retry-after': retryAfter } })
    }
    delivered.push({ at: Date.now(), count: (JSON.parse(String(init?.body)) as { batch: unknown[] }).batch.length })
    return new Response('{"accepted":1}', { status: 200 })
  }
  return { fetch: fetch as typeof globalThis.fetch, attempts, delivered }
}

it.each([10_000, 30_000, 120_000])('an outage of %i ms: the events are delivered within 5 s of the collector coming back', async (outage) => {
  const start = Date.now()
  const down = collector(start + outage)
  const tracker = createTracker({ sinks: [httpSink({ url: 'http://collector.test/collect', fetch: down.fetch, storage: 'memory' })] })
  for (let i = 0; i < 30; i++) tracker.track({ name: 'query.run', properties: { i } })
  for (let waited = 0; down.delivered.length === 0 && waited < outage + 60_000; waited += 250) await vi.advanceTimersByTimeAsync(250)
  expect(down.delivered.reduce((sum, { count }) => sum + count, 0)).toBe(30)
  expect(down.delivered[0]!.at - (start + outage)).toBeLessThanOrEqual(5000)
  // Not a storm: at least 2 s between attempts once the backoff has grown.
  const gaps = down.attempts.slice(4).map((at, index) => at - down.attempts[index + 3]!)
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000)
})

it('a Retry-After longer than the cap is still honoured: no attempt before it', async () => {
  const start = Date.now()
  const busy = collector(start + 25_000, '20')
  const tracker = createTracker({ sinks: [httpSink({ url: 'http://collector.test/collect', fetch: busy.fetch, storage: 'memory' })] })
  tracker.track({ name: 'query.run' })
  for (let waited = 0; busy.delivered.length === 0 && waited < 90_000; waited += 250) await vi.advanceTimersByTimeAsync(250)
  const gaps = busy.attempts.slice(1).map((at, index) => at - busy.attempts[index]!)
  expect(gaps.length).toBeGreaterThan(0)
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20_000)
  expect(busy.delivered).toHaveLength(1)
})
