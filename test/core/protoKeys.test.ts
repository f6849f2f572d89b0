// @vitest-environment node
// A "__proto__" key in what an app tracks, sent by httpSink to a collector on Fastify, whose JSON
// parser refuses such a body by default (onProtoPoisoning: 'error'): in development and in a
// production build, the batch is accepted with the key renamed, and the renaming is said once, as
// an error.
import Fastify, { type FastifyInstance } from 'fastify'
import * as developmentCore from 'trackplan/core'
import * as developmentHttp from 'trackplan/http'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { importProduction } from '../productionBuild'

const builds: Record<string, () => Promise<{ core: typeof developmentCore; http: typeof developmentHttp }>> = {
  development: async () => ({ core: developmentCore, http: developmentHttp }),
  production: async () => ({ core: await importProduction<typeof developmentCore>('core'), http: await importProduction<typeof developmentHttp>('http') }),
}

let server: FastifyInstance
let received: { status: number; batch: unknown[] }[]
let errors: string[]
beforeEach(async () => {
  received = []
  errors = []
  vi.spyOn(console, 'error').mockImplementation((message: unknown) => void errors.push(String(message)))
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  server = Fastify()
  server.post('/collect', async (request) => {
    received.push({ status: 200, batch: (request.body as { batch: unknown[] }).batch })
    return { ok: true }
  })
  server.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    received.push({ status: error.statusCode ?? 500, batch: [] })
    void reply.status(error.statusCode ?? 500).send({ error: error.message })
  })
  await server.listen({ port: 0, host: '127.0.0.1' })
})
afterEach(async () => {
  vi.restoreAllMocks()
  await server.close()
})

describe.each(Object.keys(builds))('"__proto__" keys (%s)', (build) => {
  it('reach a strict JSON parser renamed: the batch is taken whole, and the renaming is said once', async () => {
    const { core, http } = await builds[build]!()
    const address = server.server.address() as { port: number }
    const tracker = core.createTracker({ sinks: [http.httpSink({ url: `http://127.0.0.1:${address.port}/collect`, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })] })
    tracker.track({ name: 'query.run', properties: JSON.parse('{"__proto__": {"isAdmin": true}, "rows": 1}') as Record<string, unknown> })
    tracker.track({ name: 'query.run', properties: { rows: 2 } }, JSON.parse('{"constructor": {"prototype": {"isAdmin": true}}}') as Record<string, unknown>)
    tracker.track({ name: 'button.clicked' })
    await tracker.flush()
    expect(received.map(({ status }) => status)).toEqual([200])
    const events = received[0]!.batch as { properties: Record<string, unknown>; context: Record<string, unknown> }[]
    expect(events.map(({ properties }) => properties)).toEqual([{ _proto_: { isAdmin: true }, rows: 1 }, { rows: 2 }, {}])
    expect(events[1]!.context).toEqual({ _constructor_: { prototype: { isAdmin: true } } })
    expect(errors.filter((line) => line.includes('"__proto__"'))).toHaveLength(1)
  })
})
