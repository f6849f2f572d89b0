import { createTracker, memorySink, type Sink, type TrackingNotice } from 'trackplan/core'
import { describe, expect, it, vi } from 'vitest'

function setup(options: Parameters<typeof createTracker>[0] = {}) {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const sink = memorySink()
  const other = memorySink({ name: 'other' })
  const tracker = createTracker({ sinks: [sink, other], logLevel: 'warn', ...options })
  const notices: TrackingNotice[] = []
  tracker.subscribe((notice) => notices.push(notice))
  const messages = () => [...warn.mock.calls, ...error.mock.calls].map((call) => String(call[0]))
  return { sink, other, tracker, notices, messages, warn, error }
}

describe('bad properties: one clear message naming the event and the problem, and the event still goes to every sink', () => {
  it('a circular reference', () => {
    const { sink, other, tracker, messages } = setup()
    const node: Record<string, unknown> = { id: 1 }
    node.self = node
    tracker.track({ name: 'tree.loaded', properties: { node } })
    expect(sink.events[0]!.properties).toEqual({ node: { id: 1, self: '[Circular]' } })
    expect(other.events).toHaveLength(1)
    expect(messages()).toEqual([
      '[trackplan] track "tree.loaded": properties.node.self: circular reference replaced with "[Circular]"',
    ])
    expect(() => JSON.stringify(sink.events[0])).not.toThrow()
  })

  it('the same object twice is not a cycle', () => {
    const { sink, tracker, messages } = setup()
    const shared = { a: 1 }
    tracker.track({ name: 'tree.loaded', properties: { left: shared, right: shared } })
    expect(sink.events[0]!.properties).toEqual({ left: { a: 1 }, right: { a: 1 } })
    expect(messages()).toEqual([])
  })

  it('functions, BigInt, undefined, symbols and non-finite numbers', () => {
    const { sink, other, tracker, messages } = setup()
    tracker.track({
      name: 'query.run',
      properties: { onDone: () => {}, total: 10n ** 20n, cached: undefined, tag: Symbol('x'), ratio: Number.NaN, rows: 3 },
    })
    expect(sink.events[0]!.properties).toEqual({ total: '100000000000000000000', tag: 'Symbol(x)', ratio: null, rows: 3 })
    expect(other.events[0]!.properties).toEqual(sink.events[0]!.properties)
    expect(messages()).toEqual([
      '[trackplan] track "query.run": properties.onDone: function left out; properties.total: BigInt sent as a string; ' +
        'properties.cached: undefined value left out; properties.tag: symbol sent as a string; ' +
        'properties.ratio: NaN is not a finite number, sent as null',
    ])
  })

  it('a huge string is cut, with its length in the message', () => {
    const { sink, tracker, messages } = setup({ maxStringLength: 100 })
    tracker.track({ name: 'note.saved', properties: { text: 'x'.repeat(1_000_000) } })
    expect(sink.events[0]!.properties.text).toBe(`${'x'.repeat(100)}…`)
    expect(messages()).toEqual(['[trackplan] track "note.saved": properties.text: string of 1000000 characters cut to 100'])
  })

  it('deep nesting, Dates, Maps, Sets, Errors, toJSON and throwing getters', () => {
    const { sink, tracker, messages } = setup()
    let deep: Record<string, unknown> = { leaf: true }
    for (let i = 0; i < 20; i++) deep = { deep }
    const hostile = Object.defineProperty({}, 'notes', { enumerable: true, get: () => { throw new Error('no access') } })
    tracker.track({
      name: 'report.built',
      properties: {
        at: new Date('2026-01-02T03:04:05.000Z'),
        bad: new Date(Number.NaN),
        byId: new Map([[1, 'one']]),
        tags: new Set(['a', 'b']),
        failure: new TypeError('bad type'),
        money: { toJSON: () => '12.50 EUR' },
        hostile,
        deep,
      },
    })
    const properties = sink.events[0]!.properties
    expect(properties).toMatchObject({
      at: '2026-01-02T03:04:05.000Z',
      bad: null,
      byId: { 1: 'one' },
      tags: ['a', 'b'],
      failure: { name: 'TypeError', message: 'bad type' },
      money: '12.50 EUR',
    })
    expect(properties.hostile).toEqual({ notes: '[Unreadable]' })
    expect(JSON.stringify(properties.deep)).toContain('[Too deep]')
    const [message] = messages()
    expect(message).toContain('properties.bad: invalid Date sent as null')
    expect(message).toContain('properties.hostile.notes: could not be read (no access), sent as "[Unreadable]"')
    expect(message).toContain('nested deeper than 10 levels')
  })

  it('a throwing getter or a Proxy at the top level of the properties: a stand-in, and the event goes on to every sink', () => {
    const { sink, other, tracker, notices } = setup()
    const getter = Object.defineProperty({ rows: 3 }, 'notes', { enumerable: true, get: () => { throw new Error('no access') } })
    const keysThrow = new Proxy({ rows: 3 }, { ownKeys: () => { throw new Error('no keys') } })
    const getThrows = new Proxy({ rows: 3 }, { get: () => { throw new Error('no get') } })
    const revoked = Proxy.revocable({ rows: 3 }, {})
    revoked.revoke()
    for (const properties of [getter, keysThrow, getThrows, revoked.proxy]) expect(() => tracker.track({ name: 'query.run', properties })).not.toThrow()
    expect(sink.events.map((event) => event.properties)).toEqual([{ rows: 3, notes: '[Unreadable]' }, {}, { rows: '[Unreadable]' }, {}])
    expect(other.events).toHaveLength(4)
    expect(notices.filter((notice) => notice.type === 'sent')).toHaveLength(8)
  })

  it('work is bounded: sparse and huge arrays, typed arrays, objects with many keys', () => {
    const { sink, tracker, messages } = setup()
    const sparse: unknown[] = []
    sparse[10_000_000] = 'far'
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))
    tracker.track({ name: 'data.loaded', properties: { sparse, bytes: new Uint8Array(2_000_000), view: new DataView(new ArrayBuffer(8)), many } })
    const { properties } = sink.events[0]!
    expect((properties.sparse as unknown[]).length).toBe(1000)
    expect(properties.bytes).toBe('[Uint8Array of 2000000 bytes]')
    expect(properties.view).toBe('[DataView of 8 bytes]')
    expect(Object.keys(properties.many as object)).toHaveLength(1000)
    const [message] = messages()
    expect(message).toContain('properties.sparse: 10000001 items, the first 1000 kept')
    expect(message).toContain('properties.many: 5000 keys, the first 1000 kept')
  })

  it('work is bounded in all: 10,000 values per call across every depth, and large Sets and Maps are not walked whole', () => {
    const { sink, tracker, messages } = setup()
    const grid = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, (_, i) => ({ i })))
    const big = new Set(Array.from({ length: 2_000_000 }, (_, i) => i))
    const map = new Map(Array.from({ length: 2_000_000 }, (_, i) => [`k${i}`, i]))
    tracker.track({ name: 'data.loaded', properties: { grid, big, map } })
    const { properties } = sink.events[0]!
    const json = JSON.stringify(properties)
    expect(json.match(/\{"i":\d+\}/g)!.length).toBeLessThan(10_000)
    expect(json).toContain('"[Too much]"')
    expect(messages()[0]).toContain('more than 10000 values in all; the rest sent as "[Too much]"')
  })

  it('a "__proto__" key and a "constructor.prototype" path are renamed, said once at error level, and the rest kept', () => {
    const { sink, tracker, error, messages } = setup()
    for (let i = 0; i < 2; i++) tracker.track({ name: 'query.run', properties: JSON.parse('{"__proto__": {"polluted": true}, "rows": 1, "user": {"constructor": {"prototype": {"isAdmin": true}}, "name": "a"}}') as Record<string, unknown> })
    const { properties } = sink.events[0]!
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(JSON.stringify(properties)).toBe('{"_proto_":{"polluted":true},"rows":1,"user":{"_constructor_":{"prototype":{"isAdmin":true}},"name":"a"}}')
    expect(sink.events).toHaveLength(2)
    expect(error.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('"__proto__"'))).toHaveLength(1)
    expect(messages().join('\n')).toContain('properties.__proto__: sent as "_proto_" unless that key is taken')
  })

  it('a "__proto__" key whose new name is taken is left out, and said', () => {
    const { sink, tracker, messages } = setup()
    tracker.track({ name: 'query.run', properties: JSON.parse('{"_proto_": 1, "__proto__": {"polluted": true}}') as Record<string, unknown> })
    expect(JSON.stringify(sink.events[0]!.properties)).toBe('{"_proto_":1}')
    expect(messages().join('\n')).toContain('properties.__proto__: sent as "_proto_" unless that key is taken')
  })

  it('properties that are not an object are kept under "value"', () => {
    const { sink, tracker, messages } = setup()
    tracker.track({ name: 'query.run', properties: 'fast' as never })
    tracker.track({ name: 'query.run', properties: [1, 2] as never })
    expect(sink.events.map((event) => event.properties)).toEqual([{ value: 'fast' }, { value: [1, 2] }])
    expect(messages()[0]).toBe('[trackplan] track "query.run": properties: expected an object, got a string; sent as { value }')
  })

  it('the same problem in a loop is logged once, but reported for every event', () => {
    const { sink, tracker, notices, messages } = setup()
    for (let i = 0; i < 50; i++) tracker.track({ name: 'list.scrolled', properties: { onScroll: () => {} } })
    expect(sink.events).toHaveLength(50)
    expect(messages()).toHaveLength(1)
    expect(notices.filter((notice) => notice.type === 'invalid')).toHaveLength(50)
  })
})

describe('bad calls: a clear message and the app goes on', () => {
  it.each([
    ['nothing', undefined, 'track: expected { name: string }, got undefined; the call was ignored'],
    ['null', null, 'track: expected { name: string }, got null; the call was ignored'],
    ['a bare string', 'query.run', 'track: expected { name: string }, got "query.run"; the call was ignored'],
    ['an empty name', { name: '' }, 'track: expected { name: string }, got { name: "" }; the call was ignored'],
    ['a numeric name', { name: 42 }, 'track: expected { name: string }, got { name: 42 }; the call was ignored'],
  ])('track(%s)', (_, input, message) => {
    const { sink, tracker, notices, error } = setup()
    expect(() => tracker.track(input as never)).not.toThrow()
    expect(sink.events).toHaveLength(0)
    expect(error).toHaveBeenCalledWith(`[trackplan] ${message}`)
    expect(notices).toEqual([expect.objectContaining({ type: 'invalid', input })])
  })

  it('throw mode throws for a nameless event instead', () => {
    const { tracker } = setup({ validate: 'throw' })
    expect(() => tracker.track({} as never)).toThrow('track: expected { name: string }, got an object; the call was ignored')
  })

  it('an input whose getters throw', () => {
    const { sink, tracker, error } = setup()
    const input = Object.defineProperty({ name: 'query.run' }, 'properties', { get: () => { throw new Error('getter exploded') } })
    expect(() => tracker.track(input)).not.toThrow()
    expect(sink.events).toHaveLength(0)
    expect(error).toHaveBeenCalledWith('[trackplan] track failed and was ignored: getter exploded')
  })

  it('page() with a bad type or category still sends the page, with a message', () => {
    const { sink, tracker, messages } = setup()
    tracker.page({ name: 'welcome', type: 'popup' as never, category: 7 as never })
    expect(sink.events[0]!.context.page).toEqual({ name: 'welcome', type: 'page' })
    expect(messages()).toEqual([
      '[trackplan] page "welcome": page type "popup" is not one of page, modal; sent as "page"; category must be a string, got a number; left out',
    ])
    tracker.page(undefined as never)
    expect(sink.events).toHaveLength(1)
  })

  it('the context argument is read like properties: getters and Proxies, BigInt, cycles and "__proto__" never lose the event', () => {
    const { sink, other, tracker } = setup()
    const cycle: Record<string, unknown> = { id: 1 }
    cycle.self = cycle
    const getter = Object.defineProperty({ team: 'a' }, 'org', { enumerable: true, get: () => { throw new Error('no access') } })
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('no keys') } })
    const contexts = [getter, proxy, { total: 10n, cycle }, JSON.parse('{"__proto__": {"polluted": true}}') as object]
    for (const context of contexts) expect(() => tracker.track({ name: 'query.run' }, context as never)).not.toThrow()
    expect(sink.events.map((event) => event.context)).toEqual([
      { team: 'a', org: '[Unreadable]' },
      {},
      { total: '10', cycle: { id: 1, self: '[Circular]' } },
      { _proto_: { polluted: true } },
    ])
    expect(Object.getPrototypeOf(sink.events[3]!.context)).toBe(Object.prototype)
    expect(other.events).toHaveLength(4)
    for (const event of sink.events) expect(() => JSON.stringify(event)).not.toThrow()
  })

  it("an enricher's output is read the same way", () => {
    const { sink, tracker } = setup({ enrich: [() => ({ big: 2n, nested: new Proxy({}, { get: () => { throw new Error('x') }, ownKeys: () => ['a'], getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }) }) })] })
    tracker.track({ name: 'query.run' })
    expect(sink.events[0]!.context).toEqual({ big: '2', nested: { a: '[Unreadable]' } })
  })

  it('a context that is not an object is left out with a message', () => {
    const { sink, tracker, messages } = setup()
    tracker.track({ name: 'query.run' }, 'footer' as never)
    expect(sink.events[0]!.context).toEqual({})
    expect(messages()).toEqual(['[trackplan] track: context must be an object, got a string; it was left out'])
  })

  it('flush with a bad timeout uses the default, and subscribe with a non-function is refused', async () => {
    const { tracker, messages } = setup()
    await expect(tracker.flush({ timeoutMs: -5 })).resolves.toEqual({ delivered: 0, dropped: 0, pending: 0 })
    expect(tracker.subscribe('listener' as never)).toBeTypeOf('function')
    expect(messages()).toEqual([
      '[trackplan] flush: timeoutMs must be a number of at least 0, got -5; using 1000',
      '[trackplan] subscribe: expected a function, got a string; nothing was subscribed',
    ])
  })
})

describe('bad options', () => {
  it('are reported and replaced with defaults; good sinks still work', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const good = memorySink()
    const tracker = createTracker({
      sinks: [good, null, { name: 'no-send' }] as unknown as Sink[],
      logLevel: 'loud' as never,
      validate: 'strict' as never,
      context: { build: 5n, fn: () => {} },
    })
    tracker.track({ name: 'query.run' })
    expect(good.events[0]!.context).toEqual({ build: '5' })
    expect(warn.mock.calls.map((call) => call[0])).toEqual(['[trackplan] context: properties.build: BigInt sent as a string; properties.fn: function left out'])
    // Configuration mistakes are errors, in production builds too (see configuration.test.ts).
    expect(error.mock.calls.map((call) => call[0])).toEqual([
      '[trackplan] logLevel "loud" is not one of silent, error, warn, info, debug; using "warn"',
      '[trackplan] validate "strict" is not one of off, warn, throw; using "warn"',
      '[trackplan] sinks[1] has no send() function; it was left out',
      '[trackplan] sinks[2] has no send() function; it was left out',
    ])
  })

  it('sinks that are not an array', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const tracker = createTracker({ sinks: 'console' as never })
    expect(() => tracker.track({ name: 'query.run' })).not.toThrow()
    expect(error).toHaveBeenCalledWith('[trackplan] sinks must be an array, got a string; no sink will receive events')
  })

  it('a sink whose start throws is logged and still receives events', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const events: string[] = []
    const sink: Sink = { name: 'fragile', start: () => { throw new Error('no window') }, send: (batch) => { events.push(batch[0]!.name) } }
    createTracker({ sinks: [sink] }).track({ name: 'query.run' })
    expect(error).toHaveBeenCalledWith('[trackplan] sink "fragile" failed to start: no window')
    expect(events).toEqual(['query.run'])
  })
})
