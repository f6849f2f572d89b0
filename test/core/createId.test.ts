import { afterEach, expect, it, vi } from 'vitest'
import { createId } from '../../src/core/createId'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => vi.unstubAllGlobals())

it('uses crypto.randomUUID where there is one', () => {
  expect(createId()).toMatch(UUID_V4)
})

it('makes the same format from getRandomValues where randomUUID is missing (plain http outside localhost)', () => {
  const real = globalThis.crypto
  const getRandomValues = vi.fn(<T extends ArrayBufferView>(array: T): T => real.getRandomValues(array as never) as T)
  vi.stubGlobal('crypto', { getRandomValues })
  const ids = Array.from({ length: 1000 }, createId)
  expect(getRandomValues).toHaveBeenCalledTimes(1000)
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(1000)
})
