import { createTracker, defaultRedactedKeys, memorySink, type Sink, type TrackingNotice } from 'trackplan/core'
import { describe, expect, it, vi } from 'vitest'

function setup(options: Parameters<typeof createTracker>[0] = {}) {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', ...options })
  return { sink, tracker }
}

describe('redaction', () => {
  it('replaces sensitive keys at any depth, whatever their case and separators', () => {
    const { sink, tracker } = setup({ context: { apiKey: 'k', app: 'webapp' } })
    tracker.track({
      name: 'login.submitted',
      properties: {
        email_domain: 'example.com',
        password: 'hunter2',
        form: { PassWD: 'x', 'API-Key': 'y', nested: [{ accessToken: 'z', rows: 3 }] },
        Authorization: 'Bearer abc',
        session_cookie: 'c',
        cardNumber: '4242',
        CVV: '123',
        ssn: '000-00-0000',
        clientSecret: 's',
      },
    })
    tracker.identify('user-1', { password: 'p', plan: 'pro' })
    expect(sink.events[0]!.properties).toEqual({
      email_domain: 'example.com',
      password: '[REDACTED]',
      form: { PassWD: '[REDACTED]', 'API-Key': '[REDACTED]', nested: [{ accessToken: '[REDACTED]', rows: 3 }] },
      Authorization: '[REDACTED]',
      session_cookie: '[REDACTED]',
      cardNumber: '[REDACTED]',
      CVV: '[REDACTED]',
      ssn: '[REDACTED]',
      clientSecret: '[REDACTED]',
    })
    expect(sink.events[0]!.context).toEqual({ apiKey: '[REDACTED]', app: 'webapp' })
    expect(sink.events[1]!.properties).toEqual({ password: '[REDACTED]', plan: 'pro' })
    expect(JSON.stringify(sink.events)).not.toMatch(/hunter2|Bearer|4242|000-00/)
  })

  it('keys match by words, not substrings: what only looks like a sensitive word is kept', () => {
    const { sink, tracker } = setup()
    const kept = { className: 'btn', business_name: 'Acme', address_number: '12', tokenizer: 'bpe', passage: 'p', author: 'ada' }
    const redacted = { pwd: 'a', sessionId: 'b', creditCard: 'c', cvc: 'd', iban: 'e', 'x-api-key': 'f', APIKEY: 'g', PassWD: 'h', refresh_token: 'i', pin: 'j' }
    tracker.track({ name: 'a.b', properties: { ...kept, ...redacted } })
    expect(sink.events[0]!.properties).toEqual({ ...kept, ...Object.fromEntries(Object.keys(redacted).map((key) => [key, '[REDACTED]'])) })
  })

  it('a boolean, or a count, under a sensitive word is not a secret; a number that is a credential is', () => {
    const { sink, tracker } = setup()
    tracker.track({ name: 'a.b', properties: { has_password: true, tokens_used: 1234, token_count: 3, password_length: 12, cvv: 123, pin: 4321, card_number: 4242424242424242 } })
    expect(sink.events[0]!.properties).toEqual({ has_password: true, tokens_used: 1234, token_count: 3, password_length: 12, cvv: '[REDACTED]', pin: '[REDACTED]', card_number: '[REDACTED]' })
  })

  it('the list is configurable, or off', () => {
    const custom = setup({ redact: [...defaultRedactedKeys, 'email'] })
    custom.tracker.track({ name: 'a.b', properties: { userEmail: 'x@y.z', password: 'p' } })
    expect(custom.sink.events[0]!.properties).toEqual({ userEmail: '[REDACTED]', password: '[REDACTED]' })
    const off = setup({ redact: false })
    off.tracker.track({ name: 'a.b', properties: { password: 'p' } })
    expect(off.sink.events[0]!.properties).toEqual({ password: 'p' })
  })
})

describe('identity', () => {
  it('the anonymous id is generated once and stored: a new tracker (a reload) keeps it, and the user id', () => {
    const first = setup()
    first.tracker.identify('user-7')
    const second = setup()
    second.tracker.track({ name: 'app.opened' })
    expect(second.tracker.anonymousId).toBe(first.tracker.anonymousId)
    expect(second.sink.events[0]).toMatchObject({ anonymousId: first.tracker.anonymousId, userId: 'user-7' })
  })

  it('reset() on logout clears both, for this tracker and the next', () => {
    const first = setup()
    first.tracker.identify('user-7')
    const before = first.tracker.anonymousId
    first.tracker.reset()
    const second = setup()
    expect(second.tracker.userId).toBeUndefined()
    expect(second.tracker.anonymousId).toBe(first.tracker.anonymousId)
    expect(second.tracker.anonymousId).not.toBe(before)
  })

  it('stored identity values are bounded: a 40 KB stored id is replaced, and identify() with one is refused', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const huge = 'x'.repeat(40_000)
    localStorage.setItem('trackplan:identity', JSON.stringify({ anonymousId: huge, userId: huge }))
    const { sink, tracker } = setup({ logLevel: 'error' })
    expect(tracker.anonymousId).toHaveLength(36)
    expect(tracker.userId).toBeUndefined()
    tracker.identify('user-1')
    tracker.identify(huge)
    expect(tracker.userId).toBe('user-1')
    tracker.track({ name: 'a.b' })
    expect(JSON.stringify(sink.events.at(-1)).length).toBeLessThan(1000)
    expect(error.mock.calls.map((call) => call.join(' '))).toEqual([
      expect.stringContaining('identify: userId longer than 256; the call was ignored'),
    ])
  })

  it('a storage that throws, or none, keeps the identity in memory', () => {
    const broken = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('quota') }, removeItem() {}, key: () => null, length: 0 }
    const { sink, tracker } = setup({ identityStorage: broken })
    tracker.identify('user-1')
    tracker.track({ name: 'a.b' })
    expect(sink.events[1]).toMatchObject({ userId: 'user-1', anonymousId: tracker.anonymousId })
    const a = setup({ identityStorage: false })
    const b = setup({ identityStorage: false })
    expect(a.tracker.anonymousId).not.toBe(b.tracker.anonymousId)
  })
})

describe('redaction of every way into an event', () => {
  it("the context argument and enrichers' output are redacted like properties", () => {
    const { sink, tracker } = setup({ enrich: [() => ({ session: { accessToken: 'e1' }, locale: 'fr' })] })
    tracker.track({ name: 'a.b' }, { password: 'p', user: { apiKey: 'k', plan: 'pro' } })
    expect(sink.events[0]!.context).toEqual({ password: '[REDACTED]', user: { apiKey: '[REDACTED]', plan: 'pro' }, session: { accessToken: '[REDACTED]' }, locale: 'fr' })
  })
})

describe('enrichers', () => {
  it('add to every event\'s context, in order; one that throws is logged and the event goes on', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { sink, tracker } = setup({
      logLevel: 'error',
      enrich: [() => ({ app: { version: '1.2.3' } }), () => { throw new Error('no screen') }, (event) => ({ kind: event.type })],
    })
    tracker.track({ name: 'a.b' })
    tracker.page({ name: 'home' })
    expect(sink.events.map((event) => event.context)).toEqual([
      { app: { version: '1.2.3' }, kind: 'track' },
      { app: { version: '1.2.3' }, kind: 'page', page: { name: 'home', type: 'page' } },
    ])
    expect(error).toHaveBeenCalledWith('[trackplan] an enricher threw on track "a.b": no screen; the event goes on without it')
  })
})

describe('consent', () => {
  const sinks = () => {
    const analytics = memorySink({ name: 'analytics' })
    const marketing: Sink & { events: unknown[] } = Object.assign(memorySink({ name: 'marketing' }), { consent: 'marketing' })
    return { analytics, marketing }
  }

  it('by default no consent is needed', () => {
    const { analytics, marketing } = sinks()
    createTracker({ sinks: [analytics, marketing], logLevel: 'silent' }).track({ name: 'a.b' })
    expect([analytics.events.length, marketing.events.length]).toEqual([1, 1])
  })

  it('opt-in: events wait while consent is unknown; granted, they are delivered in order; denied, purged and reported', () => {
    const { analytics, marketing } = sinks()
    const tracker = createTracker({ sinks: [analytics, marketing], consent: 'opt-in', logLevel: 'silent' })
    const dropped: TrackingNotice[] = []
    tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(notice))
    tracker.track({ name: 'first.event' })
    tracker.track({ name: 'second.event' })
    expect([analytics.events.length, marketing.events.length]).toEqual([0, 0])
    tracker.setConsent({ analytics: true, marketing: false })
    expect(analytics.events.map((event) => event.name)).toEqual(['first.event', 'second.event'])
    expect(marketing.events).toEqual([])
    expect(dropped.map((notice) => notice.type === 'dropped' && [notice.sink, notice.reason])).toEqual([
      ['marketing', 'no consent'],
      ['marketing', 'no consent'],
    ])
    tracker.track({ name: 'third.event' })
    expect(analytics.events).toHaveLength(3)
    expect(marketing.events).toHaveLength(0)
    expect(tracker.consent).toEqual({ analytics: true, marketing: false })
    tracker.setConsent({ marketing: true })
    tracker.track({ name: 'fourth.event' })
    expect(marketing.events.map((event) => (event as { name: string }).name)).toEqual(['fourth.event'])
  })

  it('the waiting buffer is bounded: the oldest are dropped and reported', () => {
    const { analytics } = sinks()
    const tracker = createTracker({ sinks: [analytics], consent: 'opt-in', logLevel: 'silent' })
    const dropped: TrackingNotice[] = []
    tracker.subscribe((notice) => notice.type === 'dropped' && dropped.push(notice))
    for (let i = 0; i < 1005; i++) tracker.track({ name: 'many.events', properties: { i } })
    expect(dropped).toHaveLength(5)
    tracker.setConsent({ analytics: true })
    expect(analytics.events).toHaveLength(1000)
    expect(analytics.events[0]!.properties).toEqual({ i: 5 })
  })

  it('bad input to setConsent changes nothing and throws nothing', () => {
    const tracker = createTracker({ consent: 'opt-in', logLevel: 'silent' })
    expect(() => tracker.setConsent(null as never)).not.toThrow()
    tracker.setConsent({ analytics: 'yes' as never })
    expect(tracker.consent).toEqual({})
  })

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'])('a sink gated on "%s" waits like any other: only own keys grant', (category) => {
    const sink: Sink & { events: unknown[] } = Object.assign(memorySink({ name: 'odd' }), { consent: category })
    const tracker = createTracker({ sinks: [sink], consent: 'opt-in', logLevel: 'silent' })
    tracker.track({ name: 'a.b' })
    expect(sink.events).toEqual([])
    tracker.setConsent(JSON.parse(`{"${category}": true}`) as Record<string, boolean>)
    expect(sink.events).toHaveLength(1)
  })

  it('setConsent never throws into the app: a throwing getter or a Proxy is skipped, and the readable entries apply', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const tracker = createTracker({ consent: 'opt-in', logLevel: 'error' })
    const getter = Object.defineProperty({ analytics: true }, 'marketing', { enumerable: true, get: () => { throw new Error('boom') } })
    expect(() => tracker.setConsent(getter)).not.toThrow()
    expect(tracker.consent).toEqual({ analytics: true })
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('boom') } })
    expect(() => tracker.setConsent(proxy)).not.toThrow()
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    expect(() => tracker.setConsent(revoked.proxy)).not.toThrow()
    expect(tracker.consent).toEqual({ analytics: true })
    expect(error.mock.calls.map((call) => call.join(' '))).toEqual([0, 1, 2].map(() => expect.stringContaining('setConsent: unreadable categories skipped')))
  })
})
