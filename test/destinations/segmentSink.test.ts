// @vitest-environment node
// segmentSink against a local server that checks Segment's HTTP Tracking API batch schema.
import { createTracker, withRouting, type TrackingNotice } from 'trackplan/core'
import { segmentSink } from 'trackplan/destinations'
import { httpSink } from 'trackplan/http'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCollector, type Collector, type ReceivedRequest } from '../http/collector'

let server: Collector
const sinks: { close(): void }[] = []
beforeEach(async () => {
  server = await startCollector()
})
afterEach(async () => {
  sinks.splice(0).forEach((sink) => sink.close())
  await server.close()
})

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** What Segment's /v1/batch requires; returns the problems, none for a valid request. */
function segmentProblems(request: ReceivedRequest, writeKey: string): string[] {
  const problems: string[] = []
  if (request.method !== 'POST' || request.path !== '/v1/batch') problems.push(`wrong endpoint ${request.method} ${request.path}`)
  if (request.headers.authorization !== `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`) problems.push('no basic auth with the write key')
  if (request.headers['content-type'] !== 'application/json') problems.push('not JSON')
  const body = request.body as { batch?: Record<string, unknown>[]; sentAt?: string }
  if (!Array.isArray(body?.batch)) return [...problems, 'no batch array']
  if (typeof body.sentAt !== 'string' || !ISO.test(body.sentAt)) problems.push('sentAt is not ISO 8601')
  for (const [index, message] of body.batch.entries()) {
    const at = `batch[${index}]`
    if (!['track', 'page', 'identify', 'screen', 'group', 'alias'].includes(String(message.type))) problems.push(`${at}.type`)
    if (typeof message.messageId !== 'string' || message.messageId === '') problems.push(`${at}.messageId`)
    if (typeof message.anonymousId !== 'string' && typeof message.userId !== 'string') problems.push(`${at}: neither userId nor anonymousId`)
    if (typeof message.timestamp !== 'string' || !ISO.test(message.timestamp)) problems.push(`${at}.timestamp`)
    if (message.type === 'track' && (typeof message.event !== 'string' || message.event === '')) problems.push(`${at}.event`)
    if (message.type === 'track' && typeof message.properties !== 'object') problems.push(`${at}.properties`)
    if (message.type === 'identify' && typeof message.traits !== 'object') problems.push(`${at}.traits`)
    if (message.context !== undefined && typeof message.context !== 'object') problems.push(`${at}.context`)
  }
  return problems
}

it('sends track, page and identify calls in Segment\'s batch format, messageId = our id, basic auth', async () => {
  const sink = segmentSink({ writeKey: 'wk_test', host: server.url, storage: 'memory' })
  sinks.push(sink)
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false, context: { app: 'webapp' } })
  const ids: string[] = []
  tracker.subscribe((notice) => notice.type === 'tracked' && ids.push(notice.event.id))
  tracker.page({ name: 'explorer', category: 'analysis' })
  tracker.identify('user-9', { plan: 'pro' })
  tracker.track({ name: 'query.run', properties: { rows: 3 } }, { page: { name: 'explorer', type: 'page' }, section: { name: 'sidebar', path: ['sidebar'] } })
  await tracker.flush()
  expect(server.requests).toHaveLength(1)
  expect(segmentProblems(server.requests[0]!, 'wk_test')).toEqual([])
  expect(server.requests[0]!.headers['idempotency-key']).toBeUndefined()
  const batch = (server.requests[0]!.body as { batch: Record<string, unknown>[] }).batch
  expect(batch.map((message) => message.messageId)).toEqual(ids)
  expect(batch[0]).toMatchObject({ type: 'page', name: 'explorer', properties: { category: 'analysis' } })
  expect(batch[1]).toMatchObject({ type: 'identify', userId: 'user-9', traits: { plan: 'pro' } })
  expect(batch[2]).toMatchObject({
    type: 'track',
    event: 'query.run',
    userId: 'user-9',
    properties: { rows: 3 },
    context: { app: 'webapp', trackplan: { page: { name: 'explorer', type: 'page' }, section: { name: 'sidebar', path: ['sidebar'] } } },
  })
})

it('an allow-listed subset goes to Segment while everything goes to the main collector; secrets reach neither', async () => {
  const segment = segmentSink({ writeKey: 'wk', host: `${server.url}/segment`, storage: 'memory' })
  const main = httpSink({ url: `${server.url}/collect`, storage: 'memory' })
  sinks.push(segment, main)
  const tracker = createTracker({ sinks: [main, withRouting(segment, { filter: { allow: ['signup.completed'] } })], logLevel: 'silent', identityStorage: false })
  const skipped: TrackingNotice[] = []
  tracker.subscribe((notice) => notice.type === 'skipped' && skipped.push(notice))
  tracker.track({ name: 'signup.completed', properties: { plan: 'pro', password: 'hunter2', billing: { cardNumber: '4242 4242' } } })
  tracker.track({ name: 'query.run', properties: { apiKey: 'sk_live_123' } })
  await tracker.flush()
  const byPath = (path: string) => server.requests.filter((request) => request.path === path)
  expect((byPath('/segment/v1/batch')[0]!.body as { batch: { event: string }[] }).batch.map((message) => message.event)).toEqual(['signup.completed'])
  expect((byPath('/collect')[0]!.body as { batch: { name: string }[] }).batch.map((event) => event.name)).toEqual(['signup.completed', 'query.run'])
  expect(skipped).toHaveLength(1)
  // Redaction, checked where it matters: in the bytes the collectors received.
  const received = server.requests.map((request) => request.raw).join('\n')
  expect(received).not.toMatch(/hunter2|4242|sk_live_123/)
  expect(received).toContain('"password":"[REDACTED]"')
  expect(received).toContain('"cardNumber":"[REDACTED]"')
  expect(received).toContain('"apiKey":"[REDACTED]"')
})
