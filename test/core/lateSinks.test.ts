// @vitest-environment node
// Sinks that arrive after the tracker: Lightdash turns analytics on once its health answer says so.
import { createTracker, lateSinks, memorySink, type TrackingNotice } from 'trackplan/core'
import { httpSink } from 'trackplan/http'
import { expect, it, vi } from 'vitest'
import { startCollector } from '../http/collector'

const tracked = (sink: { events: { name: string }[] }) => sink.events.map((event) => event.name)

it('holds what is tracked before any sink, then gives it to every sink added in that task, in order', async () => {
  const late = lateSinks()
  const tracker = createTracker({ sinks: [late], logLevel: 'silent', identityStorage: false })
  tracker.track({ name: 'app.opened' })
  tracker.page({ name: 'home' })
  expect(await tracker.flush({ timeoutMs: 50 })).toEqual({ delivered: 0, dropped: 0, pending: 2 })
  const first = memorySink()
  const second = memorySink({ name: 'second' })
  late.add(first)
  late.add(second)
  tracker.track({ name: 'query.run' })
  expect(await tracker.flush({ timeoutMs: 50 })).toEqual({ delivered: 6, dropped: 0, pending: 0 })
  expect([tracked(first), tracked(second)]).toEqual([
    ['app.opened', 'home', 'query.run'],
    ['app.opened', 'home', 'query.run'],
  ])
})

it('bounded: beyond maxHeld the oldest are dropped, said once at error level, and each reported', async () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const late = lateSinks({ maxHeld: 3 })
  const tracker = createTracker({ sinks: [late], identityStorage: false, logLevel: 'error' })
  const dropped: unknown[] = []
  tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(notice.event.properties.i))
  for (let i = 0; i < 5; i++) tracker.track({ name: 'query.run', properties: { i } })
  expect(dropped).toEqual([0, 1])
  expect(error.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes('maxHeld') || line.includes('more than'))).toHaveLength(1)
  const sink = memorySink()
  late.add(sink)
  await tracker.flush()
  expect(sink.events.map((event) => event.properties.i)).toEqual([2, 3, 4])
  error.mockRestore()
})

it('none(): the held events and each later one are dropped and reported, when the app learns no sink will come', () => {
  const late = lateSinks()
  const tracker = createTracker({ sinks: [late], logLevel: 'silent', identityStorage: false })
  const dropped: string[] = []
  tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(`${notice.event.name}: ${notice.reason}`))
  tracker.track({ name: 'app.opened' })
  expect(late.none('analytics is off on this server')).toBe(1)
  tracker.track({ name: 'query.run' })
  expect(dropped).toEqual(['app.opened: analytics is off on this server', 'query.run: analytics is off on this server'])
})

it('a removed sink gets nothing more and is closed; one that throws or rejects stops no other; a bad one is said and left out', async () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const late = lateSinks()
  const tracker = createTracker({ sinks: [late], logLevel: 'error', identityStorage: false })
  const notices: TrackingNotice[] = []
  tracker.subscribe((notice) => notices.push(notice))
  const kept = memorySink()
  const removed = { ...memorySink({ name: 'removed' }), close: vi.fn() }
  late.add(kept)
  const remove = late.add(removed)
  late.add({ name: 'throws', send: () => { throw new Error('boom') } })
  late.add({ name: 'rejects', send: () => Promise.reject(new Error('nope')) })
  late.add({ name: 'broken' } as never)
  tracker.track({ name: 'a.b' })
  await tracker.flush()
  remove()
  remove()
  tracker.track({ name: 'c.d' })
  await tracker.flush()
  expect([tracked(kept), tracked(removed), removed.close.mock.calls.length]).toEqual([['a.b', 'c.d'], ['a.b'], 1])
  expect(notices.filter((notice) => notice.type === 'failed').map((notice) => notice.type === 'failed' && notice.sink).sort()).toEqual(['rejects', 'rejects', 'throws', 'throws'])
  expect(error.mock.calls.map((call) => call.join(' ')).join('\n')).toContain('sink "late": add() has no send() function; it was left out')
  error.mockRestore()
})

it('with opt-in consent, its sinks wait for its category, and a denial drops what it holds', () => {
  const late = lateSinks({ consent: 'marketing' })
  const tracker = createTracker({ sinks: [late], consent: 'opt-in', logLevel: 'silent', identityStorage: false })
  const dropped: string[] = []
  tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(notice.reason))
  tracker.track({ name: 'a.b' })
  tracker.setConsent({ marketing: false })
  expect(dropped).toEqual(['no consent'])
})

it('end to end: events tracked before configuration arrives reach a real collector through an httpSink added later', async () => {
  const collector = await startCollector()
  const late = lateSinks()
  const tracker = createTracker({ sinks: [late], logLevel: 'silent', identityStorage: false })
  tracker.track({ name: 'app.opened' })
  // The health answer arrives: analytics is on, and here is the collector.
  late.add(httpSink({ url: `${collector.url}/collect`, storage: 'memory' }))
  tracker.track({ name: 'query.run' })
  expect(await tracker.flush({ timeoutMs: 3000 })).toEqual({ delivered: 2, dropped: 0, pending: 0 })
  const names = collector.requests.flatMap((request) => (request.body as { batch: { name: string }[] }).batch.map((event) => event.name))
  expect(names).toEqual(['app.opened', 'query.run'])
  await tracker.close()
  await collector.close()
})
