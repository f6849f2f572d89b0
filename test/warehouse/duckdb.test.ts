// @vitest-environment node
// The DuckDB store on a real DuckDB file (@duckdb/node-api): the store suite, then a collector
// restarted on the same file, which takes the retries of what it stored as duplicates.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createCollector, duckdbStore } from '../../src/collector.ts'
import { startCollect, writePlanModule } from '../collector/collectProcess.ts'
import { event, order, plan, post, storeSuite, type StoreUnderTest } from './storeSuite.ts'
import { sendUntilAcknowledged } from './traffic.ts'

let directory: string
const closing: Array<() => unknown> = []
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'trackplan-duckdb-'))
})
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
})
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const file = (): string => join(directory, 'events.duckdb')
const read = async (sql: string): Promise<Record<string, unknown>[]> => {
  const store = duckdbStore(file())
  try {
    return await store.query(sql)
  } finally {
    await store.close()
  }
}
const under = (): StoreUnderTest => ({
  dialect: 'duckdb',
  open(own = plan, log = () => {}) {
    const store = duckdbStore(file(), { plan: own, log })
    closing.push(() => store.close())
    return store
  },
  count: async (table) => Number((await read(`SELECT count(*) AS n FROM ${table}`))[0]!.n),
  columns: async (table) => (await read(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)).map((row) => [String(row.column_name), String(row.data_type)]),
})

storeSuite(under, closing)

it('a write is appended to the tables in one transaction: an id that only a later table holds undoes it all, and the write is done again through the staging tables', async () => {
  const store = under().open()
  const collector = createCollector({ plan, store, log: () => {} })
  closing.push(() => collector.close())
  await store.ready()
  const sent = event('accept.order.completed', order())
  // The event's own table holds its id already, and `events` does not: the second append fails.
  await store.query(`INSERT INTO accept_order_completed (id, timestamp, received_at) VALUES ('${sent.id}', now(), now())`)
  const count = async (): Promise<number> => Number((await store.query('SELECT count(*) AS n FROM events'))[0]!.n)
  const before = await count()
  const answer = await post(collector, [sent, event('accept.order.completed', order())])
  expect(answer.status).toBe(200)
  // Counted as added: the first append's row in `events` did not stay behind to make it a duplicate.
  expect(await answer.json()).toEqual(expect.objectContaining({ accepted: 2, duplicates: 0 }))
  expect(await count()).toBe(before + 2)
  expect(await store.query(`SELECT order_id FROM accept_order_completed WHERE id = '${sent.id}'`)).toEqual([{ order_id: null }])
})

it('a collector restarted on the same file holds each event once and takes their retries as duplicates', async () => {
  const path = join(directory, 'restarted.duckdb')
  const batch = Array.from({ length: 30 }, () => event('accept.order.completed', order()))
  const first = createCollector({ plan, store: duckdbStore(path, { plan }), log: () => {} })
  expect((await post(first, batch)).status).toBe(200)
  await first.close()
  const again = duckdbStore(path, { plan })
  const later = createCollector({ plan, store: again, log: () => {} })
  expect(await (await post(later, batch)).json()).toMatchObject({ accepted: 0, duplicates: 30 })
  expect(Number((await again.query('SELECT count(*) AS n FROM accept_order_completed'))[0]!.n)).toBe(30)
  await later.close()
})

it('`trackplan collect --store duckdb:…` killed with kill -9 right after its answers: the file, opened again, holds every acknowledged event once', async () => {
  const path = join(directory, 'killed.duckdb')
  const collect = await startCollect([writePlanModule(directory), '--port', '0', '--store', `duckdb:${path}`])
  closing.push(() => collect.child.kill('SIGKILL'))
  const traffic = sendUntilAcknowledged(`${await collect.url}/collect`, { senders: 4, batches: 100, size: 20, make: () => event('query.run', { rows: 1 }) })
  await traffic.acknowledgedAtLeast(1000)
  collect.child.kill('SIGKILL')
  expect(await collect.exited).toEqual({ code: null, signal: 'SIGKILL' })
  traffic.stop()
  const { acknowledged } = await traffic.done
  const store = duckdbStore(path)
  const ids = new Set((await store.query('SELECT id FROM events')).map((row) => String(row.id)))
  await store.close()
  expect(acknowledged.length).toBeGreaterThanOrEqual(1000)
  expect(acknowledged.filter((id) => !ids.has(id))).toEqual([])
}, 60_000)
