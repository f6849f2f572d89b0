import { createTracker, memorySink, withRouting, type Sink, type TrackingNotice } from 'trackplan/core'
import { describe, expect, it, vi } from 'vitest'

function setup(sinks: Sink[]) {
  const tracker = createTracker({ sinks, logLevel: 'silent', identityStorage: false })
  const notices: TrackingNotice[] = []
  tracker.subscribe((notice) => notices.push(notice))
  return { tracker, notices }
}

describe('withRouting', () => {
  it('an allow-list (seed 003\'s Segment whitelist) and a deny-list', () => {
    const allowed = memorySink({ name: 'segment' })
    const denied = memorySink({ name: 'ga' })
    const { tracker, notices } = setup([
      withRouting(allowed, { filter: { allow: ['signup.completed'] } }),
      withRouting(denied, { filter: { deny: ['debug.ping'] } }),
    ])
    for (const name of ['signup.completed', 'debug.ping', 'query.run']) tracker.track({ name })
    expect(allowed.events.map((event) => event.name)).toEqual(['signup.completed'])
    expect(denied.events.map((event) => event.name)).toEqual(['signup.completed', 'query.run'])
    expect(notices.filter((notice) => notice.type === 'skipped').map((notice) => notice.type === 'skipped' && `${notice.sink}:${notice.event.name}:${notice.reason}`)).toEqual([
      'segment:debug.ping:filtered',
      'ga:debug.ping:filtered',
      'segment:query.run:filtered',
    ])
    expect(notices.filter((notice) => notice.type === 'sent').map((notice) => notice.type === 'sent' && notice.sink)).toEqual(['segment', 'ga', 'ga'])
  })

  it('a predicate, and a transform that reshapes for one destination only (seed 002\'s legacy processor)', () => {
    const legacy = memorySink({ name: 'legacy' })
    const modern = memorySink({ name: 'modern' })
    const { tracker } = setup([
      withRouting(legacy, {
        filter: (event) => event.name.startsWith('edx.'),
        transform: (event) => ({ ...event, name: event.name.replace(/^edx\./, 'edx.legacy.'), properties: { ...event.properties, legacy: true } }),
      }),
      modern,
    ])
    tracker.track({ name: 'edx.course.enrolled', properties: { course: 'x' } })
    tracker.track({ name: 'app.opened' })
    expect(legacy.events.map((event) => [event.name, event.properties])).toEqual([['edx.legacy.course.enrolled', { course: 'x', legacy: true }]])
    expect(modern.events.map((event) => event.name)).toEqual(['edx.course.enrolled', 'app.opened'])
  })

  it('sampling is deterministic per anonymous id, near the rate over many users', () => {
    let kept = 0
    const decisions = new Map<string, boolean>()
    for (let user = 0; user < 2000; user++) {
      const sampled = memorySink({ name: 'expensive' })
      const tracker = createTracker({ sinks: [withRouting(sampled, { sampleRate: 0.1 })], logLevel: 'silent', identityStorage: false, anonymousId: `user-${user}` })
      tracker.track({ name: 'a.b' })
      tracker.track({ name: 'c.d' })
      expect(sampled.events.length === 0 || sampled.events.length === 2).toBe(true)
      decisions.set(`user-${user}`, sampled.events.length > 0)
      if (sampled.events.length > 0) kept++
    }
    expect(kept / 2000).toBeGreaterThan(0.07)
    expect(kept / 2000).toBeLessThan(0.13)
    const again = memorySink({ name: 'expensive' })
    createTracker({ sinks: [withRouting(again, { sampleRate: 0.1 })], logLevel: 'silent', identityStorage: false, anonymousId: 'user-7' }).track({ name: 'a.b' })
    expect(again.events.length > 0).toBe(decisions.get('user-7'))
    const none = memorySink()
    createTracker({ sinks: [withRouting(none, { sampleRate: 0 })], logLevel: 'silent', identityStorage: false }).track({ name: 'a.b' })
    expect(none.events).toHaveLength(0)
  })

  it('keeps the sink\'s flush and start, and a consent category', async () => {
    const start = vi.fn()
    let flushed = false
    const inner: Sink = { name: 'inner', send() {}, start, flush: async () => { flushed = true } }
    const routed = withRouting(inner, { consent: 'marketing' })
    expect(routed.consent).toBe('marketing')
    const tracker = createTracker({ sinks: [routed], logLevel: 'silent' })
    await tracker.flush()
    expect(start).toHaveBeenCalledTimes(1)
    expect(flushed).toBe(true)
  })
})

describe('each sink is isolated', () => {
  it('one that throws, one that rejects and one that never answers do not delay or break the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = memorySink({ name: 'good' })
    const sinks: Sink[] = [
      { name: 'throws', send: () => { throw new Error('boom') } },
      { name: 'rejects', send: () => Promise.reject(new Error('down')) },
      { name: 'hangs', send: () => new Promise(() => {}), flush: () => new Promise(() => {}) },
      good,
    ]
    const tracker = createTracker({ sinks, logLevel: 'error' })
    for (let i = 0; i < 10; i++) tracker.track({ name: 'a.b' })
    expect(good.events).toHaveLength(10)
    // The hanging sink holds flush only up to its timeout; the result says what became of the sends it waited for.
    await expect(tracker.flush({ timeoutMs: 100 })).resolves.toEqual({ delivered: 0, dropped: 10, pending: 10 })
  })
})
