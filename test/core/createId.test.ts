import { afterEach, expect, it, vi } from 'vitest'
import { createId } from '../../src/core/createId'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => vi.unstubAllGlobals())

it('makes UUID v4s from getRandomValues, 256 at a time, with or without crypto.randomUUID (plain http outside localhost)', () => {
  const real = globalThis.crypto
  const getRandomValues = vi.fn(<T extends ArrayBufferView>(array: T): T => real.getRandomValues(array as never) as T)
  vi.stubGlobal('crypto', { getRandomValues })
  const ids = Array.from({ length: 1024 }, createId)
  // the pool left from earlier calls is used first: at most one refill more than 1024 / 256
  expect(getRandomValues.mock.calls.length).toBeGreaterThanOrEqual(4)
  expect(getRandomValues.mock.calls.length).toBeLessThanOrEqual(5)
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(1024)
})

it('spreads every random digit evenly (no bias from the version and variant bits)', () => {
  const counts = new Map<string, number>()
  const ids = Array.from({ length: 20_000 }, createId)
  for (const id of ids) for (const digit of id.replace(/-/g, '').slice(13, 16) + id.slice(0, 8)) counts.set(digit, (counts.get(digit) ?? 0) + 1)
  // 11 digits × 20,000 ids over 16 values: 13,750 each; a fixed or missing digit would be 0 or 2×
  for (const digit of '0123456789abcdef') expect(counts.get(digit)).toBeGreaterThan(12_500)
  expect(new Set(ids.map((id) => id[19])).size).toBe(4)
})
