// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { devCollector } from 'trackplan/vite'
import { afterEach, beforeEach, expect, it } from 'vitest'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

let server: Server
let url: string
let dir: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-collector-'))
  const plugin = devCollector({ file: 'events.jsonl', maxBodyBytes: 2000 })
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
const list = async () => (await (await fetch(url)).json()) as { events: { id?: string; name?: string }[]; duplicates: number }

it('keeps { batch } and array bodies, drops duplicate ids, and appends JSONL', async () => {
  expect((await post(JSON.stringify({ batch: [{ id: '1', name: 'a.b' }, { id: '2', name: 'c.d' }], sentAt: 'x' }))).status).toBe(200)
  await post(JSON.stringify({ batch: [{ id: '2', name: 'c.d' }] }))
  await post(JSON.stringify([{ event_name: 'donation.created', properties: {} }]))
  expect(await list()).toEqual({ events: [{ id: '1', name: 'a.b' }, { id: '2', name: 'c.d' }, { event_name: 'donation.created', properties: {} }], duplicates: 1 })
  await expect.poll(() => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').length).toBe(3)
})

it('answers bad bodies with a clear error and keeps nothing from them', async () => {
  const bad = await post('{not json')
  expect(bad.status).toBe(400)
  expect(await bad.json()).toEqual({ error: 'body is not JSON' })
  expect((await post('{"events": []}')).status).toBe(400)
  expect((await post(JSON.stringify({ batch: ['x'.repeat(3000)] }))).status).toBe(413)
  expect((await fetch(url, { method: 'PUT' })).status).toBe(405)
  expect((await list()).events).toEqual([])
})

it('DELETE clears what it kept', async () => {
  await post(JSON.stringify({ batch: [{ id: '1' }] }))
  await fetch(url, { method: 'DELETE' })
  expect(await list()).toEqual({ events: [], duplicates: 0 })
})
