// @vitest-environment node
// The PostgreSQL store on a real server (Debian's postgresql, started here on a free port in a
// temporary folder): the store suite; the server stopped mid-traffic and started again, with the
// collector answering throughout and every acknowledged event stored once; and `trackplan collect
// --store postgres://…` in two processes on one database, one of them killed with kill -9.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCollector, postgresStore, serveCollector, type WarehouseStore } from '../../src/collector.ts'
import { missing, hasPostgres, startPostgres, type PostgresServer } from './databaseServers.ts'
import { event, order, plan, post, storeSuite, type StoreUnderTest } from './storeSuite.ts'
import { sendUntilAcknowledged } from './traffic.ts'
import { startCollect, writePlanModule } from '../collector/collectProcess.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const skipped = hasPostgres() ? undefined : missing('PostgreSQL (Debian package postgresql)')

describe.skipIf(skipped !== undefined)('PostgreSQL', () => {
  let server: PostgresServer
  let reader: WarehouseStore
  const closing: Array<() => unknown> = []
  beforeAll(async () => {
    server = await startPostgres()
    reader = postgresStore(server.url)
  }, 60_000)
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
  })
  afterAll(async () => {
    await reader?.close()
    await server?.remove()
  })

  const count = async (table: string): Promise<number> => Number((await reader.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n)
  const under = (): StoreUnderTest => ({
    dialect: 'postgres',
    open(own = plan, log = () => {}) {
      const store = postgresStore(server.url, { plan: own, log })
      closing.push(() => store.close())
      return store
    },
    count,
    columns: async (table) => (await reader.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)).map((row) => [String(row.column_name), String(row.data_type)]),
  })

  storeSuite(under, closing)

  it('a write goes through COPY as one transaction: an id that only a later table holds undoes the whole COPY, and the write is done again with ON CONFLICT', async () => {
    const store = under().open()
    const collector = createCollector({ plan, store, log: () => {} })
    closing.push(() => collector.close())
    await store.ready()
    const sent = event('accept.order.completed', order())
    // The event's own table holds its id already, and `events` does not: the second COPY fails.
    await reader.query(`INSERT INTO accept_order_completed (id, timestamp, received_at) VALUES ('${sent.id}', now(), now())`)
    const before = await count('events')
    const answer = await post(collector, [sent, event('accept.order.completed', order())])
    expect(answer.status).toBe(200)
    // Counted as added: the first COPY's row in `events` did not stay behind to make it a duplicate.
    expect(await answer.json()).toEqual(expect.objectContaining({ accepted: 2, duplicates: 0 }))
    expect(await count('events')).toBe(before + 2)
    const [kept] = await reader.query(`SELECT order_id FROM accept_order_completed WHERE id = '${sent.id}'`)
    expect(kept).toEqual({ order_id: null })
  })

  it('the server stopped mid-traffic and started again: the collector answers 503 meanwhile, never goes down, and every acknowledged event is stored once', async () => {
    const store = postgresStore(server.url, { plan, log: () => {} })
    const logs: string[] = []
    const collector = createCollector({ plan, store, log: (message) => logs.push(message) })
    const http = await serveCollector(collector, { port: 0, host: '127.0.0.1' })
    closing.push(async () => {
      await http.close()
      await collector.close()
    })
    const before = await count('events')
    const traffic = sendUntilAcknowledged(`${http.url}/collect`, { senders: 4, batches: 30, size: 20, make: () => event('accept.order.completed', order()) })
    await traffic.acknowledgedAtLeast(400)
    await server.stop()
    const whileDown = await Promise.all([fetch(`${http.url}/health`), traffic.refusedAtLeast(5)])
    expect(whileDown[0].status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await server.start()
    const { acknowledged, statuses } = await traffic.done
    expect(acknowledged.length).toBe(4 * 30 * 20)
    expect(statuses.get(503)).toBeGreaterThanOrEqual(5)
    expect(await count('events')).toBe(before + acknowledged.length)
    const ids = acknowledged.map((id) => `'${id}'`).join(',')
    expect(Number((await reader.query(`SELECT count(DISTINCT id) AS n FROM events WHERE id IN (${ids})`))[0]!.n)).toBe(acknowledged.length)
    // The outage is said once per cause, not once per refused request.
    expect(logs.length).toBeLessThan(statuses.get(503)!)
  }, 60_000)

  it('a database slower than the traffic: beyond maxWaitingEvents the collector answers 503 at once instead of holding more, and what waited is stored once it is free', async () => {
    const store = postgresStore(server.url, { plan, maxWaitingEvents: 300, log: () => {} })
    const collector = createCollector({ plan, store, log: () => {} })
    closing.push(() => collector.close())
    await store.ready()
    // Another session holds the table: every insert waits behind it.
    const { default: pg } = await import('pg')
    const blocker = new pg.Client({ connectionString: server.url })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE events IN EXCLUSIVE MODE')
    const batches = Array.from({ length: 10 }, () => Array.from({ length: 100 }, () => event('accept.order.completed', order())))
    const answers = batches.map((batch) => post(collector, batch))
    const early = await Promise.all(answers.slice(5).map(async (answer) => (await answer).status))
    // Two transactions run (and wait on the lock), 300 events wait behind them; the rest are refused now.
    expect(early).toEqual([503, 503, 503, 503, 503])
    const refused = await answers[9]!
    expect([refused.headers.get('retry-after'), await refused.json()]).toEqual(['1', { error: 'too many events waiting to be stored' }])
    await blocker.query('COMMIT')
    await blocker.end()
    expect(await Promise.all(answers.slice(0, 5).map(async (answer) => (await answer).status))).toEqual([200, 200, 200, 200, 200])
    const ids = batches.slice(0, 5).flat().map(({ id }) => `'${id}'`).join(',')
    expect(Number((await reader.query(`SELECT count(*) AS n FROM events WHERE id IN (${ids})`))[0]!.n)).toBe(500)
  })

  it('two `trackplan collect --store postgres://…` processes on one database, one killed with kill -9 right after its 2xx: every acknowledged event stored once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'trackplan-pg-collect-'))
    closing.push(() => rmSync(directory, { recursive: true, force: true }))
    const planModule = writePlanModule(directory)
    const [one, two] = await Promise.all([0, 1].map(() => startCollect([planModule, '--port', '0', '--store', server.url])))
    closing.push(() => one!.child.kill('SIGKILL'), () => two!.child.kill('SIGKILL'))
    const urls = await Promise.all([one!.url, two!.url])
    const before = await count('events')
    // The same batches to both: each is stored by whichever commits first, and is a duplicate for the other.
    const traffic = sendUntilAcknowledged(urls.map((url) => `${url}/collect`), { senders: 4, batches: 40, size: 20, make: () => event('query.run', { rows: 1 }) })
    await traffic.acknowledgedAtLeast(600)
    one!.child.kill('SIGKILL')
    expect(await one!.exited).toEqual({ code: null, signal: 'SIGKILL' })
    const { acknowledged } = await traffic.done
    expect(acknowledged.length).toBe(4 * 40 * 20)
    const ids = acknowledged.map((id) => `'${id}'`).join(',')
    expect(Number((await reader.query(`SELECT count(*) AS n FROM events WHERE id IN (${ids})`))[0]!.n)).toBe(acknowledged.length)
    expect(await count('events')).toBe(before + acknowledged.length)
  }, 60_000)
})
