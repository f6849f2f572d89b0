// @vitest-environment node
// Configuration mistakes, in development and in a production build: never thrown into the app, never
// silent (one error-level line each), and no event lost for them: kept unsent, or delivered with defaults.
import * as developmentCore from 'trackplan/core'
import * as developmentDestinations from 'trackplan/destinations'
import * as developmentHttp from 'trackplan/http'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startCollector, type Collector } from '../http/collector'
import { importProduction } from '../productionBuild'

type Entries = { core: typeof developmentCore; http: typeof developmentHttp; destinations: typeof developmentDestinations }
const builds: Record<string, () => Promise<Entries>> = {
  development: async () => ({ core: developmentCore, http: developmentHttp, destinations: developmentDestinations }),
  production: async () => ({
    core: await importProduction<typeof developmentCore>('core'),
    http: await importProduction<typeof developmentHttp>('http'),
    destinations: await importProduction<typeof developmentDestinations>('destinations'),
  }),
}

let collector: Collector
let errors: string[]
beforeEach(async () => {
  collector = await startCollector()
  errors = []
  vi.spyOn(console, 'error').mockImplementation((message: unknown) => void errors.push(String(message)))
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(async () => {
  vi.restoreAllMocks()
  await collector.close()
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

describe.each(Object.keys(builds))('configuration mistakes (%s)', (build) => {
  let core: Entries['core']
  let http: Entries['http']
  let destinations: Entries['destinations']
  beforeAll(async () => {
    ;({ core, http, destinations } = await builds[build]!())
  }, 30_000)

  /** The tracker with a sink made by `make`, one event tracked and flushed. */
  const run = async (make: (url: string) => developmentCore.Sink) => {
    const sink = make(`${collector.url}/collect`) as developmentHttp.HttpSink
    const tracker = core.createTracker({ sinks: [sink] })
    tracker.track({ name: 'a.b' })
    await tracker.flush({ timeoutMs: 300 })
    await settle()
    sink.close?.()
    return { sink, requests: collector.requests.length }
  }
  const once = (pattern: RegExp) => expect(errors.filter((line) => pattern.test(line)), errors.join('\n')).toHaveLength(1)

  it.each([null, 'webapp', 42])('createTracker(%s): no throw, one error, a working tracker', (options) => {
    const tracker = core.createTracker(options as never)
    expect(() => tracker.track({ name: 'a.b' })).not.toThrow()
    once(/createTracker: options must be an object/)
  })

  it('options that throw when read: the defaults and one error', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no') } })
    expect(() => core.createTracker(hostile).track({ name: 'a.b' })).not.toThrow()
    once(/createTracker: options could not be read/)
  })

  it('sinks that is not an array, and a sink without send: one error each', () => {
    core.createTracker({ sinks: 'http' as never })
    once(/sinks must be an array/)
    core.createTracker({ sinks: [{ name: 'x' } as never] })
    once(/sinks\[0\] has no send\(\) function/)
  })

  it("a sink whose name getter throws: the sinks after it still get every event", () => {
    const bad = { get name(): string { throw new Error('no name') }, send: () => {} }
    const good = core.memorySink()
    const tracker = core.createTracker({ sinks: [bad, good] })
    tracker.track({ name: 'a.b' })
    tracker.track({ name: 'c.d' })
    expect(good.events.map((event) => event.name)).toEqual(['a.b', 'c.d'])
    once(/sinks\[0\] has no readable name/)
  })

  it('logLevel "toString" is not a level', () => {
    core.createTracker({ logLevel: 'toString' as never })
    once(/logLevel .*using "(warn|error)"/)
  })

  it.each([
    ['a url with credentials', { url: 'http://ada:pw@127.0.0.1:1/collect' }, /url holds credentials/],
    ['a header with CR/LF', { headers: { 'x-team': 'growth\r\nx-evil: 1' } }, /header .*cannot be sent/],
    ['a header name with a space', { headers: { 'x team': 'growth' } }, /header .*cannot be sent/],
    ['an accessKey beyond Latin-1', { accessKey: 'ключ' }, /header .*cannot be sent/],
  ])('httpSink with %s: one error, nothing sent, the event kept (not retried forever)', async (_case, options, message) => {
    const { sink, requests } = await run((url) => http.httpSink({ url, storage: 'memory', ...options }))
    expect(requests).toBe(0)
    expect(sink.pendingCount).toBe(1)
    once(message)
  })

  it.each([
    ['requestTimeoutMs: Infinity', { requestTimeoutMs: Infinity }],
    ['requestTimeoutMs beyond what timers hold', { requestTimeoutMs: 2 ** 32 }],
    ['retry.maxDelayMs: NaN', { retry: { maxDelayMs: Number.NaN } }],
    ['lifecycle: {}', { lifecycle: {} }],
  ])('httpSink with %s: one error, and the event is delivered with the default', async (_case, options) => {
    const { requests } = await run((url) => http.httpSink({ url, storage: 'memory', ...(options as object) }))
    expect(requests).toBe(1)
    expect(collector.deliveredIds()).toHaveLength(1)
    expect(errors.filter((line) => line.includes('httpSink "http"'))).toHaveLength(1)
  })

  it.each([
    ['no options', undefined, /writeKey must be a non-empty Latin-1 string/],
    ['a writeKey beyond Latin-1', { writeKey: 'ключ' }, /writeKey must be a non-empty Latin-1 string/],
    ['a host that is not a string', { writeKey: 'k', host: 42 }, /host must be a string/],
  ])('segmentSink with %s: no throw, one error, the event kept', async (_case, options, message) => {
    const { sink, requests } = await run(() => destinations.segmentSink({ storage: 'memory', ...(options as object) } as never))
    expect(requests).toBe(0)
    expect(sink.pendingCount).toBe(1)
    once(message)
  })
})

describe('development aids that throw or are mistyped lose no event', () => {
  const { createTracker, definePlan, memorySink } = developmentCore

  it('eventNames given as a string: one error, the default convention, every event delivered', () => {
    const sink = memorySink()
    const tracker = createTracker({ sinks: [sink], eventNames: 'snake_case' as never })
    tracker.track({ name: 'a.b' })
    tracker.track({ name: 'Bad Name' })
    expect(sink.events).toHaveLength(2)
    expect(errors.filter((line) => line.includes('eventNames must be a RegExp'))).toHaveLength(1)
  })

  it('a naming predicate or a plan schema that throws: the event goes on, with the problem reported', () => {
    const sink = memorySink()
    const throwing = { '~standard': { version: 1 as const, vendor: 'test', validate: () => { throw new Error('schema bug') } } }
    const plan = definePlan({ events: { 'a.b': { description: 'a test event', properties: throwing } } })
    const tracker = createTracker({ sinks: [sink], plan, eventNames: () => { throw new Error('predicate bug') } })
    const invalid: string[][] = []
    tracker.subscribe((notice) => notice.type === 'invalid' && invalid.push(notice.problems))
    tracker.track({ name: 'a.b' })
    expect(sink.events).toHaveLength(1)
    expect(invalid[0]).toEqual([expect.stringContaining('the naming convention threw on "a.b" (Error: predicate bug)'), expect.stringContaining('the schema threw (Error: schema bug)')])
  })
})
