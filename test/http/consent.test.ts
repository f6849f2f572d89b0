// @vitest-environment node
// Consent against a real HTTP collector on 127.0.0.1: nothing leaves for a sink before its category
// is granted, and a denial drops what it holds, in memory and in storage, on this page and the next.
import { createTracker, type TrackingNotice } from 'trackplan/core'
import { httpSink, type HttpSinkOptions } from 'trackplan/http'
import { describe, expect, it } from 'vitest'
import { collectorPerTest, startCollector } from './collector'
import { memoryStorage, triesOnce } from './doubles'

const server = collectorPerTest()

function setup(options: Partial<HttpSinkOptions> = {}) {
  const sink = httpSink({ url: `${server.collector.url}/collect`, storage: 'memory', retry: { baseDelayMs: 5, maxDelayMs: 20 }, batch: { intervalMs: 0 }, ...options })
  server.opened.push(sink)
  const tracker = createTracker({ sinks: [sink], consent: 'opt-in', logLevel: 'silent' })
  const dropped: string[] = []
  tracker.subscribe((notice: TrackingNotice) => notice.type === 'dropped' && dropped.push(`${notice.event.name}: ${notice.reason}`))
  return { sink, tracker, dropped }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150))

describe('consent and httpSink', () => {
  it('before consent nothing is sent, not even by flush or stored events; granted, everything goes', async () => {
    const storage = memoryStorage()
    const earlier = httpSink({ url: `${server.collector.url}/collect`, storage, batch: { intervalMs: 60_000 } })
    earlier.send([{ id: 'stored-1', type: 'track', name: 'a.stored', properties: {}, context: {}, timestamp: new Date().toISOString(), anonymousId: 'x' }])
    earlier.close()
    const { tracker } = setup({ storage })
    tracker.track({ name: 'a.one' })
    await tracker.flush({ timeoutMs: 100 })
    await settle()
    expect(server.collector.requests).toHaveLength(0)
    tracker.setConsent({ analytics: true })
    await tracker.flush()
    expect(server.collector.deliveredIds()).toHaveLength(2)
  })

  it('events queued after a grant and not yet delivered are dropped when consent is withdrawn, and never reach the collector', async () => {
    const storage = memoryStorage()
    const { sink, tracker, dropped } = setup({ storage, ...triesOnce })
    server.collector.answer(503)
    tracker.setConsent({ analytics: true })
    for (let i = 0; i < 5; i++) tracker.track({ name: 'item.viewed', properties: { i } })
    await expect.poll(() => server.collector.requests.length).toBeGreaterThan(0)
    expect([...storage.map.values()].join('')).toContain('item.viewed')
    tracker.setConsent({ analytics: false })
    expect(sink.pendingCount).toBe(0)
    server.collector.answer(200)
    tracker.track({ name: 'after.denial' })
    await tracker.flush({ timeoutMs: 200 })
    await settle()
    expect(server.collector.deliveredIds()).toEqual([])
    expect([...storage.map.values()].join('')).toBe('')
    expect(dropped.filter((line) => line.startsWith('item.viewed'))).toHaveLength(5)
    expect(dropped).toContain('after.denial: no consent')
  })

  it('a later page where consent is denied drops what the earlier page stored, and sends nothing', async () => {
    const storage = memoryStorage()
    const first = setup({ storage, ...triesOnce })
    server.collector.answer(503)
    first.tracker.setConsent({ analytics: true })
    for (let i = 0; i < 3; i++) first.tracker.track({ name: 'item.viewed', properties: { i } })
    await expect.poll(() => server.collector.requests.length).toBeGreaterThan(0)
    first.sink.close()
    expect([...storage.map.values()].join('')).toContain('item.viewed')
    server.collector.answer(200)
    const before = server.collector.requests.length

    const next = setup({ storage })
    await settle()
    expect(server.collector.requests).toHaveLength(before) // not started: the stored events wait for consent
    next.tracker.setConsent({ analytics: false })
    await settle()
    expect(server.collector.requests).toHaveLength(before)
    expect([...storage.map.values()].join('')).toBe('')
    expect(next.dropped).toEqual(['item.viewed: no consent', 'item.viewed: no consent', 'item.viewed: no consent'])
  })

  it('a later page where consent is granted sends what the earlier page stored', async () => {
    const storage = memoryStorage()
    const first = setup({ storage, ...triesOnce })
    server.collector.answer(503)
    first.tracker.setConsent({ analytics: true })
    first.tracker.track({ name: 'item.viewed' })
    await expect.poll(() => server.collector.requests.length).toBeGreaterThan(0)
    first.sink.close()
    server.collector.answer(200)
    const next = setup({ storage })
    next.tracker.setConsent({ analytics: true })
    await expect.poll(() => server.collector.deliveredIds()).toHaveLength(1)
  })

  it('a batch in flight when consent is withdrawn is never retried or stored if it fails', async () => {
    const storage = memoryStorage()
    const { tracker, dropped } = setup({ storage })
    server.collector.answer('hang')
    tracker.setConsent({ analytics: true })
    tracker.track({ name: 'in.flight' })
    await expect.poll(() => server.collector.requests.length).toBe(1)
    tracker.setConsent({ analytics: false })
    server.collector.answer(200)
    await server.collector.close() // the hanging request fails: it must not come back
    server.collector = await startCollector()
    await settle()
    expect([...storage.map.values()].join('')).toBe('')
    await expect.poll(() => dropped).toEqual(['in.flight: no consent'])
  })
})
