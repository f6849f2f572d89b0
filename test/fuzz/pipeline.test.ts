// @vitest-environment node
// Property-based fuzzing of every public function that takes the app's data, against a real HTTP
// collector on 127.0.0.1. Whatever is thrown at them: nothing is thrown into the app, the other sinks
// are still served, every event is delivered or reported with a reason, and no planted secret is in
// the bytes the collector received.
import fc from 'fast-check'
import { createTracker, withRouting, memorySink, type Sink, type TrackingNotice } from 'trackplan/core'
import { cleanUrl } from 'trackplan/enrichers'
import { httpSink } from 'trackplan/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quietConsole, runs } from './fuzzing'
import { startCollector, type Collector } from '../http/collector'

let collector: Collector
beforeAll(async () => {
  collector = await startCollector()
})
afterAll(() => collector.close())
quietConsole()

/** Secrets planted in the data: each carries a marker that must never reach the collector. */
let planted = 0
const marker = () => `zqx${(++planted).toString(36)}qz`
const sensitiveKey = fc.constantFrom('password', 'apiKey', 'x-api-key', 'accessToken', 'session_id', 'Authorization', 'client_secret', 'privateKey', 'cookie', 'passwd')
/** A secret inside a value under an innocent key: the marker is part of the secret, so it goes with it. */
const secretText = fc.constantFrom(
  (m: string) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ${m}In0.c2lnbmF0dXJl`,
  (m: string) => `Bearer ${m}9Ab`,
  (m: string) => `https://app.example.com/cb?token=${m}&ok=1`,
  (m: string) => `https://ada:${m}@db.example.com/x`,
  (m: string) => `/reset-password/${m}`,
)
const secret = fc.oneof(
  fc.tuple(sensitiveKey, fc.constant(null)).map(([key]) => {
    const value = marker()
    return { leaf: { [key]: value } as unknown, value }
  }),
  fc.tuple(fc.constantFrom('note', 'comment', 'value', 'href'), secretText).map(([key, make]) => {
    const value = marker()
    return { leaf: { [key]: make(value) } as unknown, value }
  }),
)

/** A value with the secrets planted in it, printed safely when a property fails (a revoked Proxy cannot be). */
const carry = (value: unknown, secrets: string[]) => ({
  value,
  secrets,
  [fc.toStringMethod]: () => {
    try {
      return fc.stringify(value)
    } catch {
      return '<unprintable: a revoked Proxy or a throwing trap>'
    }
  },
})

/** Values of every shape JavaScript has, hostile ones included, with secrets planted among them. */
const hostileValues: Record<string, () => unknown> = {
  throwingGetter: () => Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter') } }),
  throwingOwnKeys: () => new Proxy({}, { ownKeys: () => { throw new Error('ownKeys') } }),
  throwingGet: () => new Proxy({ a: 1 }, { get: () => { throw new Error('get') } }),
  revokedProxy: () => { const revoked = Proxy.revocable({}, {}); revoked.revoke(); return revoked.proxy },
  sparseArray: () => { const sparse: unknown[] = []; sparse[1e7] = 1; return sparse },
  typedArray: () => new Uint8Array(100_000),
  mapWithObjectKey: () => new Map([[{}, 1]]),
  set: () => new Set([1, 'a', {}]),
  symbol: () => Symbol('s'),
  bigint: () => 10n ** 30n,
  fn: () => () => 1,
  invalidDate: () => new Date(Number.NaN),
  nullPrototype: () => Object.create(null),
  protoKey: () => JSON.parse('{"__proto__": {"polluted": true}}'),
  circular: () => { const circular: Record<string, unknown> = {}; circular.self = circular; return circular },
}
// Made at each use, from a name: fast-check never has to copy or print the value itself.
const hostile = fc.constantFrom(...Object.keys(hostileValues)).map((label) => ({ label, value: hostileValues[label]!() }))
const { value: data } = fc.letrec<{ value: { value: unknown; secrets: string[] } }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.anything({ maxDepth: 2 }).map((value) => carry(value, [])),
    hostile.map(({ label, value }) => ({ ...carry(value, []), [fc.toStringMethod]: () => `<${label}>` })),
    secret.map(({ leaf, value }) => carry(leaf, [value])),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => carry(items.map((item) => item.value), items.flatMap((item) => item.secrets))),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }).map((entries) =>
      carry(Object.fromEntries(Object.entries(entries).map(([key, item]) => [key, item.value])), Object.values(entries).flatMap((item) => item.secrets)),
    ),
  ),
}))

/** Anything an app could pass where a name is expected. */
const name = fc.oneof(fc.constantFrom('query.run', 'page.viewed', 'a.b'), fc.string({ maxLength: 20 }), fc.anything({ maxDepth: 1 }))

type Call =
  | { kind: 'track'; input: unknown; context: unknown }
  | { kind: 'page'; input: unknown; context: unknown }
  | { kind: 'identify'; id: unknown; traits: unknown }
const call: fc.Arbitrary<{ call: Call; secrets: string[] }> = fc
  .oneof(
    fc.tuple(name, data, data).map(([eventName, properties, context]) => ({
      call: { kind: 'track' as const, input: { name: eventName, properties: properties.value }, context: context.value },
      secrets: [...properties.secrets, ...context.secrets],
      label: `track({ name: ${fc.stringify(eventName)}, properties: ${String(properties)} }, ${String(context)})`,
    })),
    fc.tuple(name, data, data, fc.anything({ maxDepth: 1 })).map(([pageName, properties, context, type]) => ({
      call: { kind: 'page' as const, input: { name: pageName, properties: properties.value, type }, context: context.value },
      secrets: [...properties.secrets, ...context.secrets],
      label: `page({ name: ${fc.stringify(pageName)}, type: ${fc.stringify(type)}, properties: ${String(properties)} }, ${String(context)})`,
    })),
    fc.tuple(fc.oneof(fc.constant('user-1'), fc.anything({ maxDepth: 1 })), data).map(([id, traits]) => ({
      call: { kind: 'identify' as const, id, traits: traits.value },
      secrets: traits.secrets,
      label: `identify(${fc.stringify(id)}, ${String(traits)})`,
    })),
    // The whole input is anything: not even an object.
    fc.tuple(data, data).map(([input, context]) => ({
      call: { kind: 'track' as const, input: input.value, context: context.value },
      secrets: [...input.secrets, ...context.secrets],
      label: `track(${String(input)}, ${String(context)})`,
    })),
  )
  .map(({ call: made, secrets, label }) => ({ call: made, secrets, [fc.toStringMethod]: () => label }))

const throwing: Sink = { name: 'throwing', send: () => { throw new Error('sink bug') } }

describe('fuzz: the tracking pipeline against a real collector', () => {
  it('whatever the app passes: no throw, every sink served or told why, every event accounted for, no secret on the wire', async () => {
    // Over the whole run, so that the property cannot hold by having nothing to judge.
    let secretsJudged = 0
    let eventsReceived = 0
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 6 }), data, data, async (calls, globalContext, enriched) => {
        const from = collector.requests.length
        const http = httpSink({ url: `${collector.url}/collect`, storage: 'memory', batch: { intervalMs: 0 } })
        const good = memorySink()
        const tracker = createTracker({
          sinks: [http, throwing, good],
          context: globalContext.value as never,
          enrich: [() => enriched.value as never],
          redactValues: { paths: ['/reset-password/:token'] },
        })
        const notices: TrackingNotice[] = []
        tracker.subscribe((notice) => notices.push(notice))
        for (const { call: made } of calls) {
          expect(() => {
            if (made.kind === 'track') tracker.track(made.input as never, made.context as never)
            else if (made.kind === 'page') tracker.page(made.input as never, made.context as never)
            else tracker.identify(made.id as never, made.traits as never)
          }).not.toThrow()
        }
        await tracker.flush({ timeoutMs: 5000 })
        http.close()

        const tracked = notices.flatMap((notice) => (notice.type === 'tracked' ? [notice.event] : []))
        // Every call became an event or an `invalid` notice saying why not.
        const refused = notices.filter((notice) => notice.type === 'invalid' && notice.event === undefined).length
        expect(tracked.length + refused).toBe(calls.length)
        // The good sink got every event, whatever the throwing sink did.
        expect(good.events.map((event) => event.id)).toEqual(tracked.map((event) => event.id))
        // Every event, for every sink: delivered, or reported with a reason.
        for (const event of tracked) {
          for (const sink of ['http', 'throwing', 'memory']) {
            const outcome = notices.find((notice) => 'sink' in notice && notice.sink === sink && notice.event.id === event.id && notice.type !== 'queued' && notice.type !== 'retried')
            expect(outcome, `${sink} on ${event.name}`).toBeDefined()
            if (outcome?.type === 'dropped') expect(outcome.reason).not.toBe('')
          }
        }
        const raw = collector.requests.slice(from).map((request) => request.raw).join('\n')
        for (const value of [...calls.flatMap((made) => made.secrets), ...globalContext.secrets, ...enriched.secrets]) {
          expect(raw).not.toContain(value)
          secretsJudged++
        }
        // What the collector received parses, and every delivered event is there.
        const received = collector.requests.slice(from).flatMap((request) => (request.body as { batch: { id: string }[] }).batch.map((event) => event.id))
        const sent = notices.filter((notice) => notice.type === 'sent' && notice.sink === 'http').map((notice) => (notice as { event: { id: string } }).event.id)
        expect(received.sort()).toEqual(sent.sort())
        eventsReceived += received.length
      }),
      runs(150),
    )
    expect(secretsJudged).toBeGreaterThan(50)
    expect(eventsReceived).toBeGreaterThan(100)
  }, 120_000)
})

describe('fuzz: configuration and the other entry points', () => {
  const option = fc.anything({ maxDepth: 2, withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true })

  it('createTracker with any options, then any call: nothing thrown, the good sink served', () => {
    fc.assert(
      fc.property(
        fc.record({ sinks: option, context: option, enabled: option, dryRun: option, logLevel: option, validate: option, eventNames: option, maxStringLength: option, plan: option, redact: option, redactValues: option, identityStorage: option, enrich: option, consent: option, anonymousId: option }, { requiredKeys: [] }),
        fc.anything(),
        (options, categories) => {
          const good = memorySink()
          let tracker: ReturnType<typeof createTracker> | undefined
          expect(() => (tracker = createTracker(options as never))).not.toThrow()
          expect(() => {
            tracker!.track({ name: 'a.b' })
            tracker!.setConsent(categories as never)
            tracker!.subscribe(categories as never)
            void tracker!.flush(categories as never)
            tracker!.reset()
          }).not.toThrow()
          const withGood = createTracker({ ...(options as object), sinks: [good], enabled: true, dryRun: false, consent: 'not-required' })
          withGood.track({ name: 'a.b' })
          expect(good.events).toHaveLength(1)
        },
      ),
      runs(300),
    )
  })

  it('httpSink and withRouting with any options: nothing thrown into the app, the other sinks served', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ url: fc.oneof(fc.constant(`${collector.url}/collect`), option), name: option, headers: option, accessKey: option, testMode: option, format: option, batch: option, retry: option, maxEventBytes: option, maxQueuedEvents: option, requestTimeoutMs: option, idempotencyHeader: option, lifecycle: option }, { requiredKeys: [] }),
        fc.record({ filter: option, transform: option, sampleRate: option, consent: option }, { requiredKeys: [] }),
        async (options, routing) => {
          const good = memorySink()
          let sink: ReturnType<typeof httpSink> | undefined
          expect(() => (sink = httpSink({ storage: 'memory', ...(options as object) } as never))).not.toThrow()
          const tracker = createTracker({ sinks: [withRouting(sink!, routing as never), good] })
          expect(() => tracker.track({ name: 'a.b' })).not.toThrow()
          await tracker.flush({ timeoutMs: 200 })
          sink!.close()
          expect(good.events).toHaveLength(1)
        },
      ),
      runs(100),
    )
  }, 60_000)

  it('cleanUrl with any text: a string, never a throw, never user-info or a query', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (href) => {
        const cleaned = cleanUrl(href)
        expect(typeof cleaned).toBe('string')
        if (cleaned) expect(new URL(cleaned).search + new URL(cleaned).username).toBe('')
      }),
      runs(100),
    )
  })
})
