// @vitest-environment node
// Property-based fuzzing of what a tracker finds in storage at start: any stored identity and any
// stored queue (another tab's, an older version's, another app's, a tampered one). Nothing is thrown,
// the good stored events and the new ones reach a real collector, and ids stay bounded.
import fc from 'fast-check'
import { createTracker } from 'trackplan/core'
import { httpSink } from 'trackplan/http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { quietConsole, runs } from './fuzzing'
import { startCollector, type Collector } from '../http/collector'
import { memoryStorage } from '../http/doubles'

let collector: Collector
beforeAll(async () => {
  collector = await startCollector()
})
afterAll(() => collector.close())
quietConsole()


const goodEvent = fc.uuid().map((id) => ({ id, type: 'track', name: 'stored.event', properties: {}, context: {}, timestamp: new Date().toISOString(), anonymousId: 'a' }))
/** A stored value: JSON of anything, a queue with any entries (good ones among them), or text that is not JSON. */
const storedQueue = fc.oneof(
  fc.jsonValue().map((value) => ({ raw: JSON.stringify(value), good: [] as string[] })),
  fc.tuple(fc.array(fc.oneof(fc.jsonValue(), goodEvent), { maxLength: 6 }), fc.jsonValue(), fc.jsonValue()).map(([entries, beat, closed]) => ({
    raw: JSON.stringify({ beat, closed, events: entries }),
    // Adopted when the queue is marked closed (its tab is gone) or its beat is old.
    good: closed === true || typeof beat !== 'number' || Date.now() - beat > 24 * 3600_000 ? entries.flatMap((entry) => (typeof entry === 'object' && entry !== null && 'anonymousId' in entry ? [(entry as { id: string }).id] : [])) : [],
  })),
  fc.string().map((raw) => ({ raw, good: [] as string[] })),
)
const storedIdentity = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string(), fc.record({ anonymousId: fc.string({ maxLength: 400 }), userId: fc.oneof(fc.string({ maxLength: 400 }), fc.jsonValue()) }).map((value) => JSON.stringify(value)))

it('whatever is stored: no throw, bounded ids, the new event and every good stored event delivered', async () => {
  let delivered = 0
  await fc.assert(
    fc.asyncProperty(storedQueue, storedIdentity, async (queue, identity) => {
      const storage = memoryStorage()
      const url = `${collector.url}/collect`
      storage.setItem(`trackplan:queue:http:${url}:other-tab`, queue.raw)
      storage.setItem('trackplan:identity', identity)
      const from = collector.requests.length
      let tracker: ReturnType<typeof createTracker> | undefined
      const sink = httpSink({ url, storage, batch: { intervalMs: 0 } })
      expect(() => (tracker = createTracker({ sinks: [sink], identityStorage: storage }))).not.toThrow()
      expect(tracker!.anonymousId.length).toBeLessThanOrEqual(256)
      expect((tracker!.userId ?? '').length).toBeLessThanOrEqual(256)
      expect(() => tracker!.track({ name: 'fresh.event' })).not.toThrow()
      await tracker!.flush({ timeoutMs: 3000 })
      await new Promise((resolve) => setTimeout(resolve, 5))
      await tracker!.flush({ timeoutMs: 3000 })
      sink.close()
      const received = collector.requests.slice(from).flatMap((request) => (request.body as { batch: { id: string; name: string }[] }).batch)
      expect(received.filter((event) => event.name === 'fresh.event')).toHaveLength(1)
      const ids = received.map((event) => event.id)
      for (const id of queue.good) expect(ids).toContain(id)
      delivered += queue.good.length
    }),
    runs(200),
  )
  expect(delivered).toBeGreaterThan(20)
}, 120_000)
