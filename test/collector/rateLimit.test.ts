// @vitest-environment node
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { rateLimit } from '../../src/collector/rateLimit.ts'

it('admits at most the burst plus what the rate gives back over the elapsed time, for any arrival pattern', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 100 }), fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }), (perSecond, burst, gaps) => {
      const limit = rateLimit({ perSecond, burst })
      let nowMs = 0
      let admitted = 0
      for (const gap of gaps) {
        nowMs += gap
        const answer = limit('10.0.0.1', nowMs)
        if (answer === undefined) admitted++
        else expect(answer.retryAfterSeconds).toBeGreaterThanOrEqual(1)
      }
      expect(admitted).toBeLessThanOrEqual(burst + Math.floor((nowMs / 1000) * perSecond) + 1)
      // A client that waits long enough is always taken again.
      expect(limit('10.0.0.1', nowMs + (burst / perSecond) * 1000 + 1000)).toBeUndefined()
    }),
  )
})

it('one address over its rate does not hold back another', () => {
  const limit = rateLimit({ perSecond: 1, burst: 1 })
  expect(limit('a', 0)).toBeUndefined()
  expect(limit('a', 0)).toEqual({ retryAfterSeconds: 1 })
  expect(limit('b', 0)).toBeUndefined()
  // 30,000 more addresses, each once (the remembered ones are cut back to 10,000): each is taken.
  let taken = 0
  for (let i = 0; i < 30_000; i++) if (limit(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 10) === undefined) taken++
  expect(taken).toBe(30_000)
})

it('a rate it cannot use is said when the collector is made', () => {
  expect(() => rateLimit({ perSecond: 0 })).toThrow('rateLimit: perSecond must be above 0 and burst at least 1, got 0 and 0')
  expect(() => rateLimit({ perSecond: Number.NaN })).toThrow(/perSecond must be above 0/)
})
