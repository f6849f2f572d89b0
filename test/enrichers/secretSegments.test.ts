// Path segments that look like secrets leave the page redacted, from pageUrl() and referrer() too;
// ordinary ids and slugs stay. Both sides property-tested with fast-check: tokens made as apps make
// them (random bytes, as hex or base64url; JWTs), and ids and slugs as apps name their routes.
import fc from 'fast-check'
import { createTracker, memorySink } from 'trackplan/core'
import { cleanUrl, pageUrl, redactSecretSegments } from 'trackplan/enrichers'
import { expect, it } from 'vitest'

const hex = (bytes: Uint8Array): string => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')
const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url')
const randomBytes = fc.noBias(fc.uint8Array({ minLength: 16, maxLength: 48 }))
const token = fc.oneof(
  randomBytes.map(hex),
  randomBytes.map(base64url),
  fc.tuple(randomBytes, randomBytes).map(([a, b]) => `eyJ${base64url(a)}.eyJ${base64url(b)}.${base64url(a).slice(0, 20)}`),
)
// Words that name a secret's segment (`/token/…`) are tested on their own below.
const word = fc.stringMatching(/^[a-z]{2,10}$/).filter((text) => !/^(reset|password|token|secret|invite|invitation|verify|verification|confirm|activate|activation|magic|otp|auth|session|unsubscribe|apikey)$/.test(text))
const slug = fc.array(fc.oneof(word, fc.nat({ max: 99_999 }).map(String)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('-'))
const ordinary = fc.oneof(fc.nat().map(String), fc.uuid(), slug, fc.stringMatching(/^[A-Za-z0-9]{1,12}$/))
const prefix = fc.array(fc.oneof(word, fc.constantFrom('projects', 'settings', 'users', 'reports')), { maxLength: 3 })

it('a token anywhere in a path never leaves, whatever surrounds it (fast-check)', () => {
  fc.assert(
    fc.property(prefix, token, fc.array(ordinary, { maxLength: 2 }), (before, secret, after) => {
      const path = `/${[...before, secret, ...after].join('/')}`
      const redacted = redactSecretSegments(path)
      expect(redacted).not.toContain(secret)
      expect(redacted.split('/')).toHaveLength(path.split('/').length)
    }),
    { numRuns: 500 },
  )
})

it('ordinary ids and slugs stay as they are (fast-check)', () => {
  fc.assert(
    fc.property(prefix, fc.array(ordinary, { minLength: 1, maxLength: 4 }), (before, ids) => {
      const path = `/${[...before, ...ids].join('/')}`
      expect(redactSecretSegments(path)).toBe(path)
    }),
    { numRuns: 500 },
  )
})

it('after a segment named like a secret, anything but a plain word is redacted; name=value segments by their name', () => {
  expect(redactSecretSegments('/reset-password/8f3k2')).toBe('/reset-password/:redacted')
  expect(redactSecretSegments('/invite/123456/accept')).toBe('/invite/:redacted/accept')
  expect(redactSecretSegments('/verify/email')).toBe('/verify/email')
  expect(redactSecretSegments('/files;jsessionid=A1B2C3/report')).toBe('/files;jsessionid=:redacted/report')
  expect(redactSecretSegments('/projects/42/dashboards/weekly-revenue')).toBe('/projects/42/dashboards/weekly-revenue')
})

it('pageUrl() sends the path and href of /reset-password/<token> redacted; redactPath: false keeps it', () => {
  const secret = 'Zx81kPq0vB7sLmN2aQ9dTt5w'
  window.history.pushState({}, '', `/reset-password/${secret}?email=a@b.c`)
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', enrich: [pageUrl()] })
  tracker.track({ name: 'password.reset' })
  expect(sink.events[0]!.context.url).toMatchObject({ href: 'http://localhost:3000/reset-password/:redacted', path: '/reset-password/:redacted' })
  expect(JSON.stringify(sink.events[0])).not.toContain(secret)
  expect(cleanUrl(`https://app.example.com/t/${secret}`, { redactPath: false })).toBe(`https://app.example.com/t/${secret}`)
})
