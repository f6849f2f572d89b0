import { describe, expect, it } from 'vitest'
import { parseRetryAfter, retryDelay } from '../../src/http/retryDelay'
import { utf8Length } from '../../src/http/utf8Length'

const options = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAgeMs: 1 }

describe('retryDelay', () => {
  it('doubles per failure, with equal jitter between half and all of the ceiling', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, undefined, options, () => 0))).toEqual([500, 1000, 2000, 4000])
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, undefined, options, () => 1))).toEqual([1000, 2000, 4000, 8000])
  })

  it('is capped at maxDelayMs', () => {
    expect(retryDelay(30, undefined, options, () => 1)).toBe(60_000)
  })

  it('a Retry-After from the server makes the wait longer, never shorter than the backoff', () => {
    expect(retryDelay(1, 1500, options, () => 1)).toBe(1500)
    expect(retryDelay(5, 1500, options, () => 1)).toBe(16_000)
    expect(retryDelay(1, 0, options, () => 0)).toBe(500)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T12:00:00Z')
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Sat, 21 Nov 2026 12:00:30 GMT', 30_000],
    ['Sat, 21 Nov 2026 11:00:00 GMT', 0],
    ['999999', 3_600_000],
    ['soon', undefined],
    [null, undefined],
  ])('%s → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected)
  })
})

describe('utf8Length', () => {
  const texts = ['', 'ascii only', 'é', '€ 5', '日本語', '😀 emoji', 'mixed é€😀 text', '\u{10FFFF}', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d']
  it.each(texts)('%s', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
  })

  it.each(texts)('%s, in a text too long for the scratch buffer', (text) => {
    const long = `${'x'.repeat(20_000)}${text}`
    expect(utf8Length(long)).toBe(new TextEncoder().encode(long).length)
  })
})
