// @vitest-environment node
// Secrets, judged on the raw bytes a real collector on 127.0.0.1 received: under sensitive keys and
// inside values, through every way into an event; and harmless look-alikes kept.
import { createTracker, type TrackerOptions } from 'trackplan/core'
import { cleanUrl } from 'trackplan/enrichers'
import { httpSink } from 'trackplan/http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCollector, type Collector } from './collector'

let collector: Collector
beforeEach(async () => {
  collector = await startCollector()
})
afterEach(() => collector.close())

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'
/** Each value carries one secret (the second item) inside harmless text; the keys themselves are innocent. */
const secrets: Record<string, [value: string, secret: string]> = {
  jwt: [`session ${jwt} ok`, jwt],
  bearer: ['Authorization: Bearer sk_live_51Habc123XYZ', 'sk_live_51Habc123XYZ'],
  basic: ['Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
  visa: ['paid with 4111111111111111 today', '4111111111111111'],
  spacedCard: ['card 4242 4242 4242 4242', '4242 4242 4242 4242'],
  dashedAmex: ['amex 3782-822463-10005', '3782-822463-10005'],
  urlQuery: ['https://app.example.com/verify?email_id=7&token=Zx81ab0Q&utm_source=mail', 'Zx81ab0Q'],
  urlCode: ['/oauth/callback?code=4/0AfJohXk&state=abc', '4/0AfJohXk'],
  urlFragment: ['https://x.io/cb#access_token=ya29.a0Af&expires_in=3600', 'ya29.a0Af'],
  userInfo: ['https://ada:hunter2@db.example.com/report', 'ada:hunter2'],
  gitRemote: ['https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/org/repo.git', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
  resetPath: ['https://app.example.com/reset-password/Q2hhbmdlTWVQbGVhc2U', 'Q2hhbmdlTWVQbGVhc2U'],
}
/** Values that only look like secrets: kept as they are. */
const harmless: Record<string, unknown> = {
  plan: 'basic subscription',
  bonds: 'bearer bonds',
  timestamp: '1700000000000',
  epochMs: 1700000000000,
  orderId: '1234567890123',
  phone: '+44 7911 123456',
  isoDate: '2026-11-22T10:00:00.000Z',
  uuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  email: 'ada@example.com',
  utm: 'https://app.example.com/pricing?utm_source=mail&page=2',
  route: '/posts/$postId',
  path: '/users/42/settings',
  jwtLike: 'eyJ alone is not a token',
}

async function deliver(options: TrackerOptions, run: (tracker: ReturnType<typeof createTracker>) => void): Promise<string> {
  const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', batch: { intervalMs: 0 } })
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', redactValues: { paths: ['/reset-password/:token'] }, ...options })
  run(tracker)
  await tracker.flush()
  sink.close()
  return collector.requests.map((request) => request.raw).join('\n')
}

const values = Object.fromEntries(Object.entries(secrets).map(([key, [value]]) => [key, value]))

describe('secrets inside values never reach the collector', () => {
  const ways: [string, TrackerOptions, (tracker: ReturnType<typeof createTracker>) => void][] = [
    ['properties', {}, (tracker) => tracker.track({ name: 'a.b', properties: { note: values, list: [values] } })],
    ['the context argument', {}, (tracker) => tracker.track({ name: 'a.b' }, { extra: values })],
    ['global context', { context: { app: values } }, (tracker) => tracker.track({ name: 'a.b' })],
    ['traits', {}, (tracker) => tracker.identify('user-1', values)],
    ['page properties', {}, (tracker) => tracker.page({ name: 'home', properties: values })],
    ["enrichers' output", { enrich: [() => ({ url: values })] }, (tracker) => tracker.track({ name: 'a.b' })],
  ]
  it.each(ways)('through %s', async (_way, options, run) => {
    const raw = await deliver(options, run)
    expect(raw).toContain('[REDACTED]')
    for (const [key, [, secret]] of Object.entries(secrets)) expect(raw, key).not.toContain(secret)
    // The text around each secret is kept.
    expect(raw).toContain('paid with [REDACTED] today')
    expect(raw).toContain('https://app.example.com/verify?email_id=7&token=[REDACTED]&utm_source=mail')
    expect(raw).toContain('https://[REDACTED]@db.example.com/report')
    expect(raw).toContain('https://app.example.com/reset-password/[REDACTED]')
  })

  it('a card number given as a number goes too, under any key', async () => {
    const raw = await deliver({}, (tracker) => tracker.track({ name: 'a.b', properties: { note: 4111111111111111, rows: 3 } }))
    expect(raw).not.toContain('4111111111111111')
    expect(raw).toContain('"note":"[REDACTED]","rows":3')
  })

  it('what only looks like a secret is kept, emails included', async () => {
    const raw = await deliver({}, (tracker) => tracker.track({ name: 'a.b', properties: harmless }))
    const sent = (JSON.parse(raw) as { batch: { properties: unknown }[] }).batch[0]!.properties
    expect(sent).toEqual(harmless)
  })

  it('emails go when the app asks; redactValues: false turns value redaction off', async () => {
    const raw = await deliver({ redactValues: { emails: true } }, (tracker) => tracker.track({ name: 'a.b', properties: { who: 'write to ada@example.com' } }))
    expect(raw).toContain('write to [REDACTED]')
    const off = await deliver({ redactValues: false }, (tracker) => tracker.track({ name: 'c.d', properties: { note: values.visa } }))
    expect(off).toContain('4111111111111111')
  })

  it('a secret past the length cut is redacted before the cut, never left half recognisable', async () => {
    const long = `${'x'.repeat(90)}4111 1111 1111 1111`
    const raw = await deliver({ maxStringLength: 100 }, (tracker) => tracker.track({ name: 'a.b', properties: { note: long } }))
    expect(raw).not.toMatch(/4111 1/)
  })
})

describe('cleanUrl', () => {
  it('drops user-info with the query and hash', () => {
    expect(cleanUrl('https://ada:hunter2@app.example.com/a?token=1#x')).toBe('https://app.example.com/a')
  })
})
