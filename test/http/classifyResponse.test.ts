import { expect, it } from 'vitest'
import { classifyResponse } from '../../src/http/classifyResponse'

const answer = (status: number, headers: Record<string, string> = {}, type: ResponseType = 'basic') => ({ status, headers: new Headers(headers), type, redirected: false })

it.each([
  [200, 'sent'],
  [204, 'sent'],
  [413, 'split'],
  [408, 'retry'],
  [429, 'retry'],
  [503, 'retry'],
  [400, 'drop'],
  [401, 'drop'],
  [404, 'drop'],
])('HTTP %i: %s', (status, kind) => {
  expect(classifyResponse(answer(status)).kind).toBe(kind)
})

it.each([0, 2, 99, 600, 999])('a status no HTTP server sends (%i, as a connection cut inside the status line gives) is a network failure, retried', (status) => {
  expect(classifyResponse(answer(status))).toEqual({ kind: 'retry', reason: `HTTP ${status}` })
})

it.each([301, 302, 303, 307, 308])('HTTP %i, a redirect, is retried and named a misconfiguration', (status) => {
  expect(classifyResponse(answer(status, { location: 'https://elsewhere/collect' }))).toEqual({
    kind: 'retry',
    reason: `HTTP ${status}`,
    misconfiguration: `redirects (${status} to https://elsewhere/collect)`,
  })
})

it("a browser's opaque redirect (fetch with redirect: 'manual') likewise", () => {
  expect(classifyResponse(answer(0, {}, 'opaqueredirect'))).toEqual({ kind: 'retry', reason: 'HTTP 0', misconfiguration: 'redirects (opaque)' })
})

it('a response a custom fetch reached by following a redirect is never counted as delivered', () => {
  expect(classifyResponse({ ...answer(200), redirected: true })).toMatchObject({ kind: 'retry', misconfiguration: 'redirects (200)' })
})
