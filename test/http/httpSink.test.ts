// @vitest-environment node
// httpSink against a real HTTP collector on 127.0.0.1.
import { createTracker, type TrackingNotice } from 'trackplan/core'
import { eventListFormat, httpSink, type HttpSinkOptions } from 'trackplan/http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startCollector, type Collector } from './collector'
import { manualLifecycle, memoryStorage, triesOnce } from './doubles'

let collector: Collector
const sinks: { close(): void }[] = []

beforeEach(async () => {
  collector = await startCollector()
})
afterEach(async () => {
  sinks.splice(0).forEach((sink) => sink.close())
  await collector.close()
})

const fast = { baseDelayMs: 5, maxDelayMs: 20 }

function setup(options: Partial<HttpSinkOptions> = {}) {
  const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', retry: fast, ...options })
  sinks.push(sink)
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  const notices: TrackingNotice[] = []
  tracker.subscribe((notice) => notices.push(notice))
  const trackMany = (count: number, prefix = 'item') => {
    for (let i = 0; i < count; i++) tracker.track({ name: `${prefix}.viewed`, properties: { i } })
  }
  const tracked = () => notices.flatMap((notice) => (notice.type === 'tracked' ? [notice.event.id] : []))
  const of = (type: TrackingNotice['type']) => notices.filter((notice) => notice.type === type)
  return { sink, tracker, notices, trackMany, tracked, of }
}

describe('wire format', () => {
  it('POSTs { batch, sentAt } as JSON with an idempotency key, the access key and custom headers', async () => {
    const { tracker } = setup({ accessKey: 'secret-key', headers: { 'X-Team': 'growth' } })
    tracker.track({ name: 'query.run', properties: { rows: 3 } })
    await tracker.flush()
    const [request] = collector.requests
    expect(request!.method).toBe('POST')
    expect(request!.path).toBe('/collect')
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-analytics-key': 'secret-key',
      'x-team': 'growth',
      'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    const body = request!.body as { batch: unknown[]; sentAt: string }
    expect(Object.keys(body)).toEqual(['batch', 'sentAt'])
    expect(new Date(body.sentAt).toISOString()).toBe(body.sentAt)
    expect(body.batch).toEqual([expect.objectContaining({ type: 'track', name: 'query.run', properties: { rows: 3 } })])
  })

  it('eventListFormat sends seed 001\'s array of { event_name, properties }; testMode uses the test path', async () => {
    const { tracker } = setup({ format: eventListFormat, testMode: true })
    tracker.track({ name: 'donation.created', properties: { amount: 5 } })
    await tracker.flush()
    const [request] = collector.requests
    expect(request!.path).toBe('/collect/test')
    expect(request!.body).toEqual([
      { event_name: 'donation.created', properties: { amount: 5, $id: expect.any(String), $timestamp: expect.any(String), $context: {}, $anonymousId: expect.any(String) } },
    ])
  })

  it('a format may return a string body', async () => {
    const { tracker } = setup({ format: (events) => events.map((event) => event.name).join('\n') })
    tracker.track({ name: 'a.b' })
    tracker.track({ name: 'c.d' })
    await tracker.flush()
    expect(collector.requests[0]!.raw).toBe('a.b\nc.d')
  })
})

describe('batching', () => {
  it('by count: 105 events leave as 50 + 50 + 5 (the default), 45 as 20 + 20 + 5 with maxEvents: 20', async () => {
    const { tracker, trackMany, tracked } = setup()
    trackMany(105)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.requests.map((request) => (request.body as { batch: unknown[] }).batch.length)).toEqual([50, 50, 5])
    expect(collector.deliveredIds()).toEqual(tracked())
    collector.requests.length = 0
    const twenties = setup({ batch: { maxEvents: 20 } })
    twenties.trackMany(45)
    await twenties.tracker.flush({ timeoutMs: 5000 })
    expect(collector.requests.map((request) => (request.body as { batch: unknown[] }).batch.length)).toEqual([20, 20, 5])
    expect(collector.deliveredIds()).toEqual(twenties.tracked())
  })

  it('by time: a few events leave on their own after intervalMs', async () => {
    const { trackMany } = setup({ batch: { intervalMs: 30 } })
    trackMany(3)
    expect(collector.requests).toHaveLength(0)
    await expect.poll(() => collector.deliveredIds().length).toBe(3)
    expect(collector.requests).toHaveLength(1)
  })

  it('by bytes: no body is larger than maxBytes unless one event is', async () => {
    const { tracker, trackMany, tracked } = setup({ batch: { maxBytes: 2000 } })
    trackMany(30)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.requests.length).toBeGreaterThan(1)
    for (const request of collector.requests) expect(Buffer.byteLength(request.raw)).toBeLessThanOrEqual(2000 + 60)
    expect(collector.deliveredIds()).toEqual(tracked())
  })

  it('track() queues a snapshot at once and leaves the network to after the call', async () => {
    const fetch = vi.fn(globalThis.fetch)
    const { sink, tracker } = setup({ fetch, batch: { maxEvents: 1 } })
    const page = { name: 'explorer', type: 'page' as const }
    tracker.track({ name: 'query.run' }, { page })
    page.name = 'changed after tracking'
    expect(sink.pendingCount).toBe(1)
    expect(fetch).not.toHaveBeenCalled()
    await expect.poll(() => collector.requests.length).toBe(1)
    expect(collector.requests[0]!.body).toMatchObject({ batch: [{ context: { page: { name: 'explorer' } } }] })
  })
})

describe('retries', () => {
  it('503 then recovery: everything arrives once, with the same ids and the same idempotency key', async () => {
    const { tracker, trackMany, tracked, of } = setup()
    let failuresLeft = 3
    collector.answer(() => (failuresLeft-- > 0 ? 503 : 200))
    trackMany(5)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.requests.map((request) => request.answer)).toEqual([503, 503, 503, 200])
    expect(new Set(collector.requests.map((request) => request.headers['idempotency-key'])).size).toBe(1)
    expect(collector.deliveredIds()).toEqual(tracked())
    expect(of('retried')).toHaveLength(15)
    expect(of('sent')).toHaveLength(5)
  })

  it.each([408, 429, 500, 502, 504])('retries HTTP %s', async (status) => {
    const { tracker, trackMany, tracked } = setup()
    let first = true
    collector.answer(() => (first ? ((first = false), status) : 200))
    trackMany(2)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.deliveredIds()).toEqual(tracked())
  })

  it('honours Retry-After', async () => {
    const { tracker, trackMany, of } = setup()
    let first = true
    collector.answer(() => (first ? ((first = false), { status: 429, retryAfter: '1' }) : 200))
    trackMany(1)
    await tracker.flush({ timeoutMs: 5000 })
    expect(of('retried')).toEqual([expect.objectContaining({ reason: 'HTTP 429', delayMs: 1000, attempt: 1 })])
    expect(collector.deliveredIds()).toHaveLength(1)
  })

  it.each([301, 302, 303])('a %s redirect is a misconfiguration: nothing counts as sent, one error, the events wait and go once it is fixed', async (status) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', retry: fast })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
    const notices: TrackingNotice[] = []
    tracker.subscribe((notice) => notices.push(notice))
    // Everything that is not the redirect target is redirected to it, where a GET would be answered 200.
    collector.answer((request) => (request.path === '/moved' ? 200 : { status, location: '/moved' }))
    for (let i = 0; i < 3; i++) tracker.track({ name: 'item.viewed', properties: { i } })
    await tracker.flush({ timeoutMs: 300 })
    expect(notices.filter((notice) => notice.type === 'sent')).toEqual([])
    expect(collector.requests.filter((request) => request.path === '/moved')).toEqual([])
    const said = error.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('redirects'))
    expect(said).toEqual([expect.stringContaining(`url redirects (${status} to /moved); events kept until it is the final address`)])
    collector.answer(200)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.deliveredIds()).toHaveLength(3)
    expect(notices.filter((notice) => notice.type === 'sent')).toHaveLength(3)
  })

  it.each([307, 308])('a %s redirect (which keeps the method and the body) on the same origin is followed: the batch is delivered there, with its key', async (status) => {
    const { tracker, trackMany, tracked, of } = setup({ accessKey: 'pk_test_1' })
    collector.answer((request) => (request.path === '/v2/collect' ? 200 : { status, location: '/v2/collect' }))
    trackMany(3)
    await tracker.flush({ timeoutMs: 5000 })
    const moved = collector.requests.filter((request) => request.path === '/v2/collect')
    expect(moved.map((request) => [request.method, request.headers['x-analytics-key']])).toEqual([['POST', 'pk_test_1']])
    expect(collector.deliveredIds()).toEqual(tracked())
    expect(of('sent')).toHaveLength(3)
  })

  it('a 307 to another origin is not followed (the key stays home), nor a loop past 3 hops: the events wait, reported', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const elsewhere = await startCollector()
    try {
      const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', retry: triesOnce.retry, accessKey: 'pk_test_1' })
      sinks.push(sink)
      const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
      collector.answer({ status: 307, location: `${elsewhere.url}/collect` })
      tracker.track({ name: 'item.viewed' })
      await tracker.flush({ timeoutMs: 300 })
      expect(elsewhere.requests).toEqual([])
      collector.answer({ status: 307, location: '/collect' })
      tracker.track({ name: 'item.viewed' })
      await tracker.flush({ timeoutMs: 300 })
      // The first attempt of each batch: 1 for the first; then the loop, followed 3 times and reported.
      expect(collector.requests.length).toBeLessThanOrEqual(1 + 4 + 4)
      expect(collector.deliveredIds()).toEqual([])
      expect(error.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('redirects (307')).length).toBeGreaterThanOrEqual(1)
    } finally {
      await elsewhere.close()
    }
  })

  it.each(['0', '-5', 'Sat, 01 Jan 2000 00:00:00 GMT'])('Retry-After: %s never brings a retry below the backoff (no retry storm)', async (retryAfter) => {
    const { tracker, trackMany, of } = setup({ retry: { baseDelayMs: 200, maxDelayMs: 1000 } })
    collector.answer({ status: 503, retryAfter })
    trackMany(1)
    // flush sends at once, then waits (up to a second) for a delivery that never comes.
    await tracker.flush({ timeoutMs: 1000 })
    // Backoff from 200 ms, with equal jitter: at most 1 + 4 requests in a second (0, ≥100, ≥300, ≥700).
    expect(collector.requests.length).toBeLessThanOrEqual(4)
    expect(collector.requests.length).toBeGreaterThanOrEqual(2)
    for (const notice of of('retried')) expect(notice.type === 'retried' && notice.delayMs).toBeGreaterThanOrEqual(100)
  })

  it('a dropped connection and a collector that never answers are retried', async () => {
    const { tracker, trackMany, tracked, of } = setup({ requestTimeoutMs: 100 })
    const answers: ('drop' | 'hang')[] = ['drop', 'hang']
    collector.answer(() => answers.shift() ?? 200)
    trackMany(3)
    await tracker.flush({ timeoutMs: 5000 })
    expect(collector.deliveredIds()).toEqual(tracked())
    expect(of('retried').map((notice) => notice.type === 'retried' && notice.reason)).toEqual([
      expect.stringMatching(/^network error/), expect.stringMatching(/^network error/), expect.stringMatching(/^network error/),
      'timeout', 'timeout', 'timeout',
    ])
  })

  it('400: dropped and reported, never retried', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', retry: fast })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
    const dropped: TrackingNotice[] = []
    tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(notice))
    collector.answer(400)
    for (let i = 0; i < 5; i++) tracker.track({ name: 'query.run' })
    await tracker.flush({ timeoutMs: 2000 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(collector.requests).toHaveLength(1)
    expect(dropped).toHaveLength(5)
    expect(dropped[0]).toMatchObject({ reason: 'HTTP 400', sink: 'http' })
    expect(error).toHaveBeenCalledWith('[trackplan] httpSink "http": the collector answered HTTP 400; 5 events dropped, not retried')
  })

  it('413 splits the batch until it fits; a single event the collector refuses is dropped', async () => {
    const { tracker, trackMany, of } = setup()
    collector.answer((request) => {
      const batch = (request.body as { batch: { properties: { i: number } }[] }).batch
      if (batch.some((event) => event.properties.i === 7)) return batch.length > 1 ? 413 : 413
      return batch.length > 4 ? 413 : 200
    })
    trackMany(16)
    await tracker.flush({ timeoutMs: 5000 })
    const delivered = collector.requests.filter((request) => request.answer === 200)
    expect(delivered.every((request) => (request.body as { batch: unknown[] }).batch.length <= 4)).toBe(true)
    expect(collector.deliveredIds()).toHaveLength(15)
    expect(of('dropped')).toEqual([expect.objectContaining({ reason: 'HTTP 413', event: expect.objectContaining({ properties: { i: 7 } }) })])
  })

  it('an event older than retry.maxAgeMs is dropped as expired', async () => {
    const { tracker, of } = setup({ retry: { ...fast, maxAgeMs: 50 } })
    collector.answer(503)
    tracker.track({ name: 'query.run' })
    await tracker.flush({ timeoutMs: 5000 })
    expect(of('dropped')).toEqual([expect.objectContaining({ reason: 'expired' })])
  })
})

describe('limits', () => {
  it('an event over maxEventBytes is dropped with a message naming it, and does not hold up the rest', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', maxEventBytes: 1000 })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
    tracker.track({ name: 'before.big' })
    tracker.track({ name: 'note.saved', properties: { text: 'x'.repeat(5000) } })
    tracker.track({ name: 'after.big' })
    await tracker.flush()
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[trackplan\] httpSink "http": event "note.saved" is 5\d{3} bytes, over the limit of 1000; dropped$/))
    expect((collector.requests[0]!.body as { batch: { name: string }[] }).batch.map((event) => event.name)).toEqual(['before.big', 'after.big'])
  })

  it('the queue is bounded: the oldest events are dropped and reported', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { tracker, trackMany, of, sink } = setup({ maxQueuedEvents: 5, requestTimeoutMs: 50 })
    collector.answer('hang')
    trackMany(8)
    await tracker.flush({ timeoutMs: 20 })
    expect(of('dropped')).toHaveLength(3)
    expect(of('dropped').map((notice) => notice.type === 'dropped' && notice.event.properties.i)).toEqual([0, 1, 2])
    expect(sink.pendingCount).toBe(5)
  })
})

describe('flush', () => {
  it('resolves once everything tracked before it is delivered', async () => {
    const { tracker, trackMany } = setup({ batch: { intervalMs: 60_000 } })
    trackMany(3)
    await tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(3)
  })

  it('resolves at its timeout when the collector hangs, and never rejects', async () => {
    const { tracker, trackMany, sink } = setup({ requestTimeoutMs: 60_000 })
    collector.answer('hang')
    trackMany(1)
    await expect(tracker.flush({ timeoutMs: 50 })).resolves.toEqual({ delivered: 0, dropped: 0, pending: 1 })
    expect(sink.pendingCount).toBe(1)
  })

  it('waits only for what was tracked before it, not for what comes after', async () => {
    const { tracker, trackMany, sink } = setup({ batch: { intervalMs: 60_000 }, requestTimeoutMs: 60_000 })
    collector.answer((request) => (request.raw.includes('late.viewed') ? 'hang' : 200))
    trackMany(2, 'early')
    const flushed = tracker.flush({ timeoutMs: 60_000 })
    trackMany(2, 'late')
    // Waiting for the late events would hang past the test's timeout.
    await flushed
    expect(collector.deliveredIds()).toHaveLength(2)
    expect(sink.pendingCount).toBe(2)
  })
})

describe('notices', () => {
  it('a listener that subscribes while events wait still hears them delivered, with the same content', async () => {
    const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', batch: { intervalMs: 60_000 } })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
    tracker.track({ name: 'query.run', properties: { rows: 3 } }, { page: { name: 'explorer', type: 'page' } })
    // queued (serialized after the tracking call) before anyone listens
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(sink.pendingCount).toBe(1)
    const heard: TrackingNotice[] = []
    tracker.subscribe((notice) => heard.push(notice))
    await tracker.flush()
    expect(heard).toEqual([
      { type: 'sent', sink: 'http', event: expect.objectContaining({ name: 'query.run', properties: { rows: 3 }, context: { page: { name: 'explorer', type: 'page' } } }) },
    ])
    expect(heard[0]!.type === 'sent' && heard[0]!.event.id).toBe(collector.deliveredIds()[0])
  })
})

describe('persistence', () => {
  it('what one sink could not deliver, the next one on the same storage sends, with the same ids', async () => {
    const storage = memoryStorage()
    const first = setup({ storage })
    collector.answer('drop')
    first.trackMany(6)
    await first.tracker.flush({ timeoutMs: 50 })
    await expect.poll(() => collector.requests.length).toBeGreaterThan(0)
    first.sink.close()
    // Any request the first sink had in flight meets the dropped connection too.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(collector.deliveredIds()).toHaveLength(0)
    collector.answer(200)
    const second = setup({ storage })
    second.tracker.track({ name: 'app.started' })
    await second.tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(7)
    expect(new Set(collector.deliveredIds())).toEqual(new Set([...first.tracked(), ...second.tracked()]))
    await expect.poll(() => [...storage.map.values()].join('')).toBe('')
  })

  it('storage is not rewritten for every acknowledged batch, yet new events are written at once and an emptied queue is cleared', async () => {
    const storage = memoryStorage()
    const writes: string[] = []
    const setItem = storage.setItem
    storage.setItem = (key, value) => {
      writes.push(value)
      setItem(key, value)
    }
    const stored = () => [...storage.map.values()].join('')
    const { tracker, trackMany } = setup({ storage, batch: { maxEvents: 5 } })
    trackMany(50)
    await tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(50)
    // Ten batches acknowledged one after the other: one write of the 50 events, then the emptied queue removed.
    expect(writes).toHaveLength(1)
    expect(stored()).toBe('')

    // While a write for acknowledged events waits (the queue is not empty), a new event is written at once.
    // (Answers take 100 ms, so that the events were stored before they are acknowledged.)
    collector.answer((request) => ((request.body as { batch: { name: string }[] }).batch[0]!.name.startsWith('slow') ? { status: 200, delayMs: 2000 } : { status: 200, delayMs: 100 }))
    trackMany(5, 'fast')
    trackMany(5, 'slow')
    await expect.poll(() => collector.requests.some((request) => request.raw.includes('slow.viewed'))).toBe(true)
    expect(stored()).toContain('fast.viewed')
    trackMany(1, 'late')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(stored()).toContain('late.viewed')

    // With nothing new tracked, acknowledged events leave storage within a second, the slow batch's stay.
    const other = memoryStorage()
    const second = setup({ storage: other, batch: { maxEvents: 5 } })
    second.trackMany(5, 'quick')
    second.trackMany(5, 'slower')
    const otherStored = () => [...other.map.values()].join('')
    await expect.poll(() => collector.requests.some((request) => request.raw.includes('slower.viewed'))).toBe(true)
    expect(otherStored()).toContain('quick.viewed')
    await expect.poll(() => otherStored().includes('quick.viewed'), { timeout: 1500 }).toBe(false)
    expect(otherStored()).toContain('slower.viewed')
  }, 10_000)

  it('a poisoned stored queue: bad entries are skipped and reported, good ones delivered, and persistence stays on', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const storage = memoryStorage()
    const first = setup({ storage })
    collector.answer('drop')
    first.trackMany(2)
    await first.tracker.flush({ timeoutMs: 50 })
    first.sink.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const [key, raw] = [...storage.map.entries()].find(([, value]) => value.includes('"events"'))!
    const stored = JSON.parse(raw) as { events: unknown[] }
    stored.events.push(null, 'text', { id: 5 }, { id: 'x', name: 'no.type' })
    storage.setItem(key, JSON.stringify(stored))
    const sink = httpSink({ url: `${collector.url}/collect`, storage, retry: fast })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
    const ids: string[] = []
    tracker.subscribe((notice) => notice.type === 'tracked' && ids.push(notice.event.id))
    const second = { tracker, tracked: () => ids, trackMany: (count: number, prefix: string) => { for (let i = 0; i < count; i++) tracker.track({ name: `${prefix}.viewed` }) } }
    // With the collector still down, the page's new events must be stored: persistence is still on.
    collector.answer('drop')
    second.trackMany(5, 'new')
    await second.tracker.flush({ timeoutMs: 50 })
    await expect.poll(() => [...storage.map.values()].join('').split('new.viewed').length - 1).toBe(5)
    collector.answer(200)
    await second.tracker.flush({ timeoutMs: 5000 })
    expect(collector.deliveredIds()).toEqual(expect.arrayContaining([...first.tracked(), ...second.tracked()]))
    expect(new Set(collector.deliveredIds()).size).toBe(7)
    expect(error.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('stored entries'))).toEqual([
      expect.stringContaining('skipped 4 stored entries that were not events'),
    ])
  })

  it('does not adopt the queue of a sink that is still running (another tab)', async () => {
    const storage = memoryStorage()
    const first = setup({ storage })
    collector.answer('hang')
    first.trackMany(4)
    await first.tracker.flush({ timeoutMs: 30 })
    const second = setup({ storage, requestTimeoutMs: 50 })
    collector.answer(200)
    second.tracker.track({ name: 'app.started' })
    await second.tracker.flush()
    expect(collector.deliveredIds()).toEqual(second.tracked())
  })

  it('a closed sink writes nothing more: an answer that comes after close() does not put back what the next page took', async () => {
    const storage = memoryStorage()
    const stored = () => [...storage.map.values()].join('')
    const first = setup({ storage, ...triesOnce })
    collector.answer({ status: 503, delayMs: 300 })
    first.trackMany(2)
    await expect.poll(() => collector.requests.length).toBe(1)
    first.sink.close() // its batch is on the wire; close() stores it for the next page
    collector.answer(200)
    const second = setup({ storage })
    second.tracker.track({ name: 'app.started' })
    await second.tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(3)
    await expect.poll(() => stored()).toBe('')
    // The first sink's late 503 arrives, and the second of storage writes after an answer passes.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(stored()).toBe('')
    const third = setup({ storage })
    await third.tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(3)
  })

  it('a storage that throws (quota, private mode) falls back to memory with one warning and loses nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const storage = memoryStorage()
    storage.setItem = () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
    }
    const sink = httpSink({ url: `${collector.url}/collect`, storage })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'warn' })
    for (let i = 0; i < 10; i++) tracker.track({ name: 'query.run' })
    await tracker.flush()
    for (let i = 0; i < 10; i++) tracker.track({ name: 'query.run' })
    await tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(20)
    expect(warn.mock.calls.filter((call) => String(call[0]).includes('storage failed'))).toEqual([
      ['[trackplan] storage failed (QuotaExceededError); events are kept in memory only'],
    ])
  })
})

describe('offline and leaving the page', () => {
  it('offline: no request and no retry is spent; everything leaves when the network returns', async () => {
    const page = manualLifecycle()
    const { tracker, trackMany, tracked, of } = setup({ lifecycle: page.lifecycle, batch: { intervalMs: 10 } })
    page.setOnline(false)
    trackMany(5)
    await tracker.flush({ timeoutMs: 100 })
    expect(collector.requests).toHaveLength(0)
    page.setOnline(true)
    await expect.poll(() => collector.deliveredIds()).toEqual(tracked())
    expect(of('retried')).toHaveLength(0)
  })

  it('leaving the page sends what is waiting at once, without waiting for the batch timer', async () => {
    const page = manualLifecycle()
    const { trackMany, tracked } = setup({ lifecycle: page.lifecycle, batch: { intervalMs: 60_000 } })
    trackMany(50)
    page.leave('pagehide')
    await expect.poll(() => collector.deliveredIds().length).toBe(50)
    expect(collector.deliveredIds().sort()).toEqual(tracked().sort())
  })
})

describe('bad options and input', () => {
  it('an unusable url: one clear error, tracking goes on, events are kept', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    for (const url of ['', 'not a url', 'ftp://x', undefined]) {
      const sink = httpSink({ url } as HttpSinkOptions)
      sinks.push(sink)
      const tracker = createTracker({ sinks: [sink], logLevel: 'warn' })
      expect(() => tracker.track({ name: 'query.run' })).not.toThrow()
      await tracker.flush({ timeoutMs: 20 })
      expect(sink.pendingCount).toBe(1)
    }
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      '[trackplan] httpSink "http": url "" is not a URL this runtime can send to; events are kept but not sent',
      '[trackplan] httpSink "http": url "not a url" is not a URL this runtime can send to; events are kept but not sent',
      '[trackplan] httpSink "http": url "ftp://x" is not a URL this runtime can send to; events are kept but not sent',
      '[trackplan] httpSink "http": url undefined is not a URL this runtime can send to; events are kept but not sent',
    ])
  })

  it('bad numbers and formats are replaced by defaults with an error each; the events go', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = httpSink({
      url: `${collector.url}/collect`,
      storage: 'memory',
      batch: { maxEvents: -1, intervalMs: 'soon' as never },
      headers: { ok: 'yes' },
      format: 'json' as never,
    })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'warn' })
    tracker.track({ name: 'query.run' })
    await tracker.flush()
    expect(collector.deliveredIds()).toHaveLength(1)
    expect(collector.requests[0]!.headers.ok).toBe('yes')
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      '[trackplan] httpSink "http": format must be a function; using the default body',
      '[trackplan] httpSink "http": batch.maxEvents must be a finite number from 1 to 2147483647, got -1; using 50',
      '[trackplan] httpSink "http": batch.intervalMs must be a finite number from 0 to 2147483647, got "soon"; using 2000',
    ])
  })

  it('a format that throws drops that batch with a message, and the app goes on', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', format: () => { throw new Error('bad format') } })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], logLevel: 'error' })
    tracker.track({ name: 'query.run' })
    await tracker.flush()
    expect(error).toHaveBeenCalledWith('[trackplan] httpSink "http": format threw (Error: bad format); 1 events dropped')
  })
})

describe('server side', () => {
  it('works in plain Node with the global fetch and no storage option, without a word about storage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(typeof (globalThis as { localStorage?: unknown }).localStorage).toBe('undefined')
    const sink = httpSink({ url: `${collector.url}/collect` })
    sinks.push(sink)
    const tracker = createTracker({ sinks: [sink], context: { service: 'api' }, logLevel: 'warn' })
    tracker.identify('user-1')
    tracker.track({ name: 'project.created', properties: { warehouse: 'bigquery' } })
    await tracker.flush()
    expect((collector.requests[0]!.body as { batch: unknown[] }).batch).toEqual([
      expect.objectContaining({ type: 'identify', userId: 'user-1' }),
      expect.objectContaining({ name: 'project.created', userId: 'user-1', context: { service: 'api' } }),
    ])
    expect(warn).not.toHaveBeenCalled()
  })
})
