import { createTracker, memorySink, PageType, type Sink, type TrackedEvent, type TrackingNotice } from 'trackplan/core'
import { describe, expect, it, vi } from 'vitest'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function setup(options: Parameters<typeof createTracker>[0] = {}) {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', ...options })
  return { sink, tracker }
}

describe('the envelope', () => {
  it('carries id, type, name, properties, merged context, timestamp and anonymous id', () => {
    const { sink, tracker } = setup({ context: { app: 'webapp' }, anonymousId: 'anon-1' })
    const before = Date.now()
    tracker.track({ name: 'query.run', properties: { rows: 3 } }, { section: { name: 'footer', path: ['footer'] } })
    const [event] = sink.events
    expect(event).toEqual({
      id: expect.stringMatching(UUID),
      type: 'track',
      name: 'query.run',
      properties: { rows: 3 },
      context: { app: 'webapp', section: { name: 'footer', path: ['footer'] } },
      timestamp: expect.any(String),
      anonymousId: 'anon-1',
    })
    expect(Date.parse(event!.timestamp)).toBeGreaterThanOrEqual(before - 1)
    expect(event!.timestamp).toBe(new Date(event!.timestamp).toISOString())
    expect('userId' in event!).toBe(false)
  })

  it('gives every event its own id', () => {
    const { sink, tracker } = setup()
    for (let i = 0; i < 1000; i++) tracker.track({ name: 'button.click' })
    expect(new Set(sink.events.map((event) => event.id)).size).toBe(1000)
  })

  it('copies properties so that later changes by the caller do not reach queued events', () => {
    const { sink, tracker } = setup()
    const properties = { filters: ['a'] }
    tracker.track({ name: 'query.run', properties })
    properties.filters.push('b')
    expect(sink.events[0]!.properties).toEqual({ filters: ['a'] })
  })

  it('gives each event a context object of its own, also when the call context is frozen and reused', () => {
    const sink: Sink & { events: TrackedEvent[] } = {
      name: 'mutating',
      events: [],
      send(events) {
        // A sink that writes into what it receives must not reach the next event.
        for (const event of events) (event.context as Record<string, unknown>).seen = this.events.push(event)
      },
    }
    const tracker = createTracker({ sinks: [sink], logLevel: 'silent', context: { app: 'webapp' } })
    const scope = Object.freeze({ section: Object.freeze({ name: 'footer', path: ['footer'] }) })
    const withProto = Object.freeze(JSON.parse('{"__proto__": {"polluted": true}}') as object)
    for (let i = 0; i < 3; i++) tracker.track({ name: 'query.run' }, scope)
    tracker.track({ name: 'query.run' }, withProto as never)
    tracker.track({ name: 'query.run' }, withProto as never)
    tracker.track({ name: 'query.run' })
    expect(sink.events.map((event) => event.context)).toEqual([
      { app: 'webapp', section: { name: 'footer', path: ['footer'] }, seen: 1 },
      { app: 'webapp', section: { name: 'footer', path: ['footer'] }, seen: 2 },
      { app: 'webapp', section: { name: 'footer', path: ['footer'] }, seen: 3 },
      { app: 'webapp', _proto_: { polluted: true }, seen: 4 },
      { app: 'webapp', _proto_: { polluted: true }, seen: 5 },
      { app: 'webapp', seen: 6 },
    ])
    for (const event of sink.events.slice(3, 5)) expect(Object.getPrototypeOf(event.context)).toBe(Object.prototype)
  })

  it('sends page events with the page as context', () => {
    const { sink, tracker } = setup({ context: { app: 'webapp' } })
    tracker.page({ name: 'organization_settings', type: PageType.MODAL, category: 'settings', properties: { tab: 'users' } })
    expect(sink.events[0]).toMatchObject({
      type: 'page',
      name: 'organization_settings',
      properties: { tab: 'users' },
      context: { app: 'webapp', page: { name: 'organization_settings', type: 'modal', category: 'settings' } },
    })
    tracker.page({ name: 'welcome' })
    expect(sink.events[1]!.context.page).toEqual({ name: 'welcome', type: 'page' })
  })
})

describe('identity', () => {
  it('identify sends the traits and puts the user id on every later event; reset forgets both ids', () => {
    const { sink, tracker } = setup()
    const firstAnonymousId = tracker.anonymousId
    tracker.track({ name: 'app.opened' })
    tracker.identify('user-7', { plan: 'pro' })
    tracker.track({ name: 'query.run' })
    tracker.reset()
    tracker.track({ name: 'app.opened' })
    const [anonymous, identify, identified, afterReset] = sink.events
    expect(anonymous!.userId).toBeUndefined()
    expect(identify).toMatchObject({ type: 'identify', name: 'identify', properties: { plan: 'pro' }, userId: 'user-7' })
    expect(identified).toMatchObject({ userId: 'user-7', anonymousId: firstAnonymousId })
    expect(afterReset!.userId).toBeUndefined()
    expect(afterReset!.anonymousId).not.toBe(firstAnonymousId)
    expect(tracker.userId).toBeUndefined()
  })

  it('accepts a numeric user id as a string, and ignores a missing one with a message', () => {
    const { sink, tracker } = setup({ logLevel: 'error' })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    tracker.identify(42 as unknown as string)
    tracker.identify(undefined as unknown as string)
    tracker.identify({} as unknown as string)
    expect(sink.events.map((event) => event.userId)).toEqual(['42'])
    expect(error).toHaveBeenCalledTimes(2)
    expect(error.mock.calls[0]![0]).toContain('identify: userId must be a non-empty string, got undefined')
  })
})

describe('enabled and dryRun', () => {
  it('enabled: false makes every call a no-op', async () => {
    const send = vi.fn()
    const tracker = createTracker({ enabled: false, sinks: [{ name: 'spy', send }] })
    const listener = vi.fn()
    tracker.subscribe(listener)
    tracker.track({ name: 'query.run' })
    tracker.page({ name: 'welcome' })
    tracker.identify('user-1')
    await tracker.flush()
    expect(send).not.toHaveBeenCalled()
    expect(listener).not.toHaveBeenCalled()
    expect(tracker.userId).toBeUndefined()
  })

  it('dryRun runs the pipeline and logs each event, but no sink sends', () => {
    const send = vi.fn()
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    const tracker = createTracker({ dryRun: true, sinks: [{ name: 'spy', send }] })
    const notices: TrackingNotice[] = []
    tracker.subscribe((notice) => notices.push(notice))
    tracker.track({ name: 'query.run', properties: { rows: 1 } })
    expect(send).not.toHaveBeenCalled()
    expect(info).toHaveBeenCalledWith('[trackplan] dry run, not sent: track "query.run"', expect.objectContaining({ name: 'query.run' }))
    expect(notices.map((notice) => notice.type)).toEqual(['tracked', 'skipped'])
  })
})

describe('log levels', () => {
  it('debug logs every event; silent logs nothing, not even errors', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    createTracker({ logLevel: 'debug' }).track({ name: 'query.run' })
    expect(debug).toHaveBeenCalledWith('[trackplan] track "query.run"', expect.objectContaining({ name: 'query.run' }))
    createTracker({ logLevel: 'silent' }).track(null as never)
    expect(error).not.toHaveBeenCalled()
  })

  it('warn hides info and debug', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {})
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    createTracker({ logLevel: 'warn', dryRun: false }).track({ name: 'query.run' })
    expect(debug).not.toHaveBeenCalled()
    expect(info).not.toHaveBeenCalled()
  })
})

describe('the naming convention', () => {
  it('accepts <element>.<action> and namespace.object.action', () => {
    const { sink, tracker } = setup({ validate: 'throw' })
    tracker.track({ name: 'create_project_button.click' })
    tracker.track({ name: 'edx.course.enrollment_activated' })
    expect(sink.events).toHaveLength(2)
  })

  it('warn: the event is still sent, and the problem is logged and reported', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { sink, tracker } = setup({ validate: 'warn', logLevel: 'warn' })
    const notices: TrackingNotice[] = []
    tracker.subscribe((notice) => notices.push(notice))
    tracker.track({ name: 'RunQuery' })
    expect(sink.events.map((event) => event.name)).toEqual(['RunQuery'])
    expect(warn.mock.calls[0]![0]).toMatch(/track "RunQuery": event name "RunQuery" does not follow the naming convention/)
    expect(notices[0]).toMatchObject({ type: 'invalid', event: { name: 'RunQuery' } })
  })

  it('throw: the call throws and nothing is sent', () => {
    const { sink, tracker } = setup({ validate: 'throw' })
    expect(() => tracker.track({ name: 'Run Query' })).toThrow(/event name "Run Query" does not follow/)
    expect(sink.events).toHaveLength(0)
  })

  it('off, a custom pattern, and a predicate', () => {
    const off = setup({ validate: 'off', logLevel: 'warn' })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    off.tracker.track({ name: 'Anything Goes' })
    expect(off.sink.events).toHaveLength(1)
    const custom = setup({ validate: 'throw', eventNames: /^[A-Z][A-Za-z]+$/ })
    custom.tracker.track({ name: 'RunQuery' })
    expect(() => custom.tracker.track({ name: 'run.query' })).toThrow(/\/\^\[A-Z\]/)
    const predicate = setup({ validate: 'throw', eventNames: (name) => name.startsWith('app:') })
    predicate.tracker.track({ name: 'app:start' })
    expect(() => predicate.tracker.track({ name: 'start' })).toThrow(/event name "start" does not follow the naming convention$/)
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('sinks', () => {
  it('a sink that throws or rejects does not stop the others, and each failure is logged once with the sink and event', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = memorySink()
    const throwing: Sink = { name: 'throwing', send: () => { throw new Error('boom') } }
    const rejecting: Sink = { name: 'rejecting', send: () => Promise.reject(new Error('network down')) }
    const tracker = createTracker({ sinks: [throwing, rejecting, good], logLevel: 'error' })
    const failures: TrackingNotice[] = []
    tracker.subscribe((notice) => notice.type === 'failed' && failures.push(notice))
    expect(() => tracker.track({ name: 'query.run' })).not.toThrow()
    await tracker.flush()
    expect(good.events.map((event) => event.name)).toEqual(['query.run'])
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      '[trackplan] sink "throwing" failed on track "query.run": boom',
      '[trackplan] sink "rejecting" failed on track "query.run": network down',
    ])
    expect(failures.map((notice) => notice.type === 'failed' && notice.sink)).toEqual(['throwing', 'rejecting'])
  })

  it('flush waits for asynchronous sends and sink flushes made before it', async () => {
    const delivered: string[] = []
    const slow: Sink = {
      name: 'slow',
      send: (events) => new Promise<void>((resolve) => setTimeout(() => {
        delivered.push(...events.map((event) => event.name))
        resolve()
      }, 30)),
    }
    let flushed = false
    const queueing: Sink = {
      name: 'queueing',
      send: () => {},
      flush: () => new Promise<void>((resolve) => setTimeout(() => { flushed = true; resolve() }, 40)),
    }
    const tracker = createTracker({ sinks: [slow, queueing], logLevel: 'silent' })
    tracker.track({ name: 'query.run' })
    tracker.track({ name: 'chart.saved' })
    await tracker.flush()
    expect(delivered).toEqual(['query.run', 'chart.saved'])
    expect(flushed).toBe(true)
  })

  it('flush resolves at its timeout when a sink hangs, and never rejects', async () => {
    vi.useFakeTimers()
    try {
      const hanging: Sink = { name: 'hanging', send: () => new Promise<void>(() => {}), flush: () => Promise.reject(new Error('x')) }
      const tracker = createTracker({ sinks: [hanging], logLevel: 'silent' })
      tracker.track({ name: 'query.run' })
      let done = false
      const flushing = tracker.flush({ timeoutMs: 500 }).then(() => { done = true })
      await vi.advanceTimersByTimeAsync(499)
      expect(done).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      await flushing
      expect(done).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('reports tracked and sent for each sink to subscribers, and stops after unsubscribe', async () => {
    const notices: string[] = []
    const tracker = createTracker({ sinks: [memorySink({ name: 'a' }), { name: 'b', send: async () => {} }], logLevel: 'silent' })
    const unsubscribe = tracker.subscribe((notice) => notices.push(`${notice.type}${'sink' in notice ? `:${notice.sink}` : ''}`))
    tracker.track({ name: 'query.run' })
    await tracker.flush()
    expect(notices).toEqual(['tracked', 'sent:a', 'sent:b'])
    unsubscribe()
    tracker.track({ name: 'query.run' })
    expect(notices).toHaveLength(3)
  })

  it('a listener that throws is logged and does not stop delivery or other listeners', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { sink, tracker } = setup({ logLevel: 'error' })
    const heard: TrackedEvent[] = []
    tracker.subscribe(() => { throw new Error('listener bug') })
    tracker.subscribe((notice) => notice.type === 'tracked' && heard.push(notice.event))
    tracker.track({ name: 'query.run' })
    expect(sink.events).toHaveLength(1)
    expect(heard).toHaveLength(1)
    expect(error.mock.calls[0]![0]).toContain('a subscribe listener threw on "tracked": listener bug')
  })

  it('starts sinks with the logger and a reporter that reaches subscribers', () => {
    const reporting: Sink = {
      name: 'reporting',
      reportsDelivery: true,
      send() {},
      start({ report }) {
        this.send = (events) => events.forEach((event) => report({ type: 'queued', event, sink: 'reporting' }))
      },
    }
    const tracker = createTracker({ sinks: [reporting], logLevel: 'silent' })
    const notices: string[] = []
    tracker.subscribe((notice) => notices.push(notice.type))
    tracker.track({ name: 'query.run' })
    expect(notices).toEqual(['tracked', 'queued'])
  })
})
