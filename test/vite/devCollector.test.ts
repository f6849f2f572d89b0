// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { duckdbStore } from 'trackplan/collector'
import { definePlan } from 'trackplan/core'
import { devCollector } from 'trackplan/vite'
import { z } from 'zod'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../browser/chromium'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

let server: Server
let url: string
let dir: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-collector-'))
  const plugin = devCollector({ file: 'events.jsonl', maxBodyBytes: 2000, maxKeptBytes: 10_000 })
  ;(plugin.configResolved as (config: { root: string }) => void)({ root: dir })
  let handler: Handler | undefined
  ;(plugin.configureServer as (server: { middlewares: { use(path: string, handle: Handler): void } }) => void)({
    middlewares: { use: (_path, handle) => (handler = handle) },
  })
  server = createServer((request, response) => handler!(request, response))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
const list = async () => (await (await fetch(url)).json()) as { events: { id?: string; name?: string }[]; duplicates: number; invalid: { reasons: string[]; event: { id?: string } }[] }
/** An event as httpSink sends it. */
const envelope = (id: string, name = 'a.b', extra: Record<string, unknown> = {}) => ({ id, type: 'track', name, properties: {}, context: {}, timestamp: '2026-11-22T10:00:00.000Z', anonymousId: 'anon', ...extra })
const names = (events: { id?: string; name?: string }[]) => events.map((event) => [event.id, event.name])

it('keeps { batch } and array bodies, drops duplicate ids, and appends JSONL', async () => {
  expect((await post(JSON.stringify({ batch: [envelope('1', 'a.b'), envelope('2', 'c.d')], sentAt: 'x' }))).status).toBe(200)
  await post(JSON.stringify({ batch: [envelope('2', 'c.d')] }))
  await post(JSON.stringify([{ event_name: 'donation.created', properties: { $id: '3', $timestamp: '2026-11-22T10:00:00.000Z', $anonymousId: 'anon' } }]))
  const kept = await list()
  expect([names(kept.events), kept.duplicates, kept.invalid]).toEqual([[['1', 'a.b'], ['2', 'c.d'], ['3', 'donation.created']], 1, []])
  await expect.poll(() => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').length).toBe(3)
})

it('shows what production would quarantine: events that break the envelope or the plan, with their reasons', async () => {
  await post(JSON.stringify({ batch: [{ id: 'bare', name: 'a.b' }, envelope('fine')] }))
  const { events, invalid } = await list()
  expect(names(events)).toEqual([['fine', 'a.b']])
  expect(invalid.map((record) => [record.event.id, record.reasons])).toEqual([['bare', expect.arrayContaining(['type: expected "track", "page" or "identify"', 'timestamp: expected an ISO 8601 date'])]])
  expect(readFileSync(join(dir, '.trackplan', 'invalid.jsonl'), 'utf8')).toContain('"bare"')
})

it('answers bad bodies with a clear error and keeps nothing from them', async () => {
  const bad = await post('{not json')
  expect(bad.status).toBe(400)
  expect(await bad.json()).toEqual({ error: 'the body is not JSON' })
  expect((await post('{"events": []}')).status).toBe(400)
  expect((await post(JSON.stringify({ batch: ['x'.repeat(3000)] }))).status).toBe(413)
  expect((await fetch(url, { method: 'PUT' })).status).toBe(405)
  expect((await list()).events).toEqual([])
})

it('DELETE clears what it kept', async () => {
  await post(JSON.stringify({ batch: [envelope('1'), envelope('1')] }))
  await fetch(url, { method: 'DELETE' })
  expect(await list()).toEqual({ events: [], duplicates: 0, invalid: [] })
  // And it forgot the ids: the same event is taken again.
  await post(JSON.stringify({ batch: [envelope('1')] }))
  expect(names((await list()).events)).toEqual([['1', 'a.b']])
})

it('takes writes only from its own origin: another origin\'s POST or DELETE is refused, and nothing is kept', async () => {
  await post(JSON.stringify({ batch: [envelope('mine')] }))
  const host = new URL(url).host
  const from = (origin: string, extra: Record<string, string> = {}) => ({ 'content-type': 'text/plain', origin, ...extra })
  expect((await fetch(url, { method: 'POST', headers: from('http://evil.test'), body: JSON.stringify({ batch: [envelope('evil')] }) })).status).toBe(403)
  expect((await fetch(url, { method: 'POST', headers: from(`http://${host}`, { 'sec-fetch-site': 'cross-site' }), body: JSON.stringify({ batch: [envelope('x')] }) })).status).toBe(403)
  expect((await fetch(url, { method: 'DELETE', headers: from('null') })).status).toBe(403)
  expect((await fetch(url, { method: 'POST', headers: from(`http://${host}`, { 'sec-fetch-site': 'same-origin' }), body: JSON.stringify({ batch: [envelope('same')] }) })).status).toBe(200)
  expect((await list()).events.map((event) => event.id)).toEqual(['mine', 'same'])
})

it('bounds what it keeps in bytes: the oldest events go first', async () => {
  for (let i = 0; i < 20; i++) await post(JSON.stringify({ batch: [envelope(`e${i}`, 'a.b', { properties: { note: 'x'.repeat(1000) } })] }))
  const { events } = await list()
  expect(Buffer.byteLength(JSON.stringify(events))).toBeLessThanOrEqual(10_000 + 100)
  expect(events.length).toBeGreaterThan(5)
  expect(events.at(-1)!.id).toBe('e19')
  expect(events[0]!.id).not.toBe('e0')
})

it('with @duckdb/node-api installed and no file named, events land in .trackplan/events.duckdb under the root, in tables from the plan', async () => {
  const root = mkdtempSync(join(tmpdir(), 'trackplan-dev-duckdb-'))
  const plan = definePlan({ events: { 'query.run': { description: 'A query finished', properties: z.object({ rows: z.number() }) } } })
  const plugin = devCollector({ plan })
  await (plugin.configResolved as (config: { root: string }) => Promise<void>)({ root })
  let handler: Handler | undefined
  ;(plugin.configureServer as (server: { middlewares: { use(path: string, handle: Handler): void } }) => void)({ middlewares: { use: (_path, handle) => (handler = handle) } })
  const own = createServer((request, response) => handler!(request, response))
  await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve))
  const at = `http://127.0.0.1:${(own.address() as { port: number }).port}`
  try {
    const body = JSON.stringify({ batch: [envelope('d1', 'query.run', { properties: { rows: 7 } }), envelope('d2', 'query.run', { properties: { rows: 'many' } })] })
    expect((await fetch(at, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200)
    const shown = (await (await fetch(at)).json()) as { events: { id: string }[]; invalid: { event: { id: string } }[] }
    expect([shown.events.map(({ id }) => id), shown.invalid.map(({ event }) => event.id)]).toEqual([['d1'], ['d2']])
    // The dev server lets go of the file once idle; another store, as DuckDB's CLI would, reads it.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const reader = duckdbStore(join(root, '.trackplan/events.duckdb'))
    const rows = await reader.query('SELECT id, "rows" FROM query_run')
    const quarantined = await reader.query('SELECT id FROM quarantine')
    await reader.close()
    expect([rows, quarantined]).toEqual([[{ id: 'd1', rows: 7 }], [{ id: 'd2' }]])
  } finally {
    await new Promise((resolve) => own.close(resolve))
    rmSync(root, { recursive: true, force: true })
  }
}, 20_000)

describeInBrowser('the dev collector in Chromium', () => {
  let browser: Browser
  let other: Server
  beforeAll(async () => {
    browser = await launchChromium()
    other = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title>'))
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => other?.close(resolve))
  })

  it("a page on another origin cannot fill it with a no-cors text/plain POST (no preflight), nor clear it", async () => {
    await post(JSON.stringify({ batch: [envelope('mine')] }))
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${(other.address() as { port: number }).port}/`)
    const forged = JSON.stringify({ batch: [envelope('forged')] })
    await page.evaluate(
      async ([target, body]) => {
        await fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body })
        await fetch(target, { method: 'DELETE', mode: 'no-cors' }).catch(() => {})
      },
      [url, forged] as const,
    )
    await page.close()
    expect((await list()).events.map((event) => event.id)).toEqual(['mine'])
  }, 30_000)
})
