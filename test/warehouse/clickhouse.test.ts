// @vitest-environment node
// The ClickHouse store on a real clickhouse-server (Debian's 18.16, started here with a config of
// its own on free 127.0.0.1 ports): the store suite, counting once per id with FINAL as ClickHouse
// readers must; then what it guarantees without transactions: a row written twice by a race is
// one row after a merge, and an event never sent is never there.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { clickhouseStore, createCollector, type WarehouseStore } from '../../src/collector.ts'
import { startCollect, writePlanModule } from '../collector/collectProcess.ts'
import { hasClickHouse, missing, startClickHouse, type ClickHouseServer } from './databaseServers.ts'
import { event, order, plan, post, storeSuite, type StoreUnderTest } from './storeSuite.ts'
import { sendUntilAcknowledged } from './traffic.ts'

const skipped = hasClickHouse() ? undefined : missing('clickhouse-server (Debian package clickhouse-server)')

describe.skipIf(skipped !== undefined)('ClickHouse', () => {
  let server: ClickHouseServer
  let reader: WarehouseStore
  const closing: Array<() => unknown> = []
  beforeAll(async () => {
    server = await startClickHouse()
    reader = clickhouseStore(server.url)
  }, 60_000)
  afterEach(async () => {
    for (const close of closing.splice(0)) await close()
  })
  afterAll(async () => {
    await reader?.close()
    await server?.stop()
  })

  const count = async (table: string, final = true): Promise<number> => Number((await reader.query(`SELECT count() AS n FROM ${table}${final ? ' FINAL' : ''}`))[0]!.n)
  const under = (): StoreUnderTest => ({
    dialect: 'clickhouse',
    open(own = plan, log = () => {}) {
      const store = clickhouseStore(server.url, { plan: own, log })
      closing.push(() => store.close())
      return store
    },
    count,
    columns: async (table) => (await reader.query(`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = '${table}'`)).map((row) => [String(row.name), String(row.type)]),
  })

  storeSuite(under, closing)

  it('a race that writes one event twice leaves two rows until a merge, one after it (FINAL counts one throughout)', async () => {
    const store = clickhouseStore(server.url, { plan, log: () => {} })
    closing.push(() => store.close())
    const sent = event('accept.order.completed', order())
    // Two collectors that check for the id at the same moment both find it missing and both insert.
    await Promise.all([store.write([{ ...sent, receivedAt: new Date().toISOString() }], []), store.write([{ ...sent, receivedAt: new Date().toISOString() }], [])])
    const rows = async (final: boolean): Promise<number> => Number((await reader.query(`SELECT count() AS n FROM accept_order_completed${final ? ' FINAL' : ''} WHERE id = '${sent.id}'`))[0]!.n)
    expect(await rows(true)).toBe(1)
    const before = await rows(false)
    expect(before).toBeGreaterThanOrEqual(1)
    expect(before).toBeLessThanOrEqual(2)
    // OPTIMIZE … FINAL does nothing while a background merge holds the parts: asked again until it merges.
    for (let tries = 0; tries < 50 && (await rows(false)) > 1; tries++) {
      await fetch(server.url, { method: 'POST', body: 'OPTIMIZE TABLE accept_order_completed FINAL' })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(await rows(false)).toBe(1)
  })

  it('retries of a batch it stored are not written again: the plain count, without FINAL, is exact when there is no race', async () => {
    const collector = createCollector({ plan, store: clickhouseStore(server.url, { plan, log: () => {} }), log: () => {} })
    closing.push(() => collector.close())
    const batch = Array.from({ length: 25 }, () => event('button.clicked'))
    for (let attempt = 0; attempt < 3; attempt++) expect((await post(collector, batch)).status).toBe(200)
    const ids = batch.map(({ id }) => `'${id}'`).join(', ')
    expect(Number((await reader.query(`SELECT count() AS n FROM events WHERE id IN (${ids})`))[0]!.n)).toBe(25)
  })

  it('`trackplan collect --store clickhouse://…` with the server killed and restarted mid-traffic, then the collector killed with kill -9: every acknowledged event is there once (FINAL)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'trackplan-ch-collect-'))
    closing.push(() => rmSync(directory, { recursive: true, force: true }))
    const collect = await startCollect([writePlanModule(directory), '--port', '0', '--store', `clickhouse://default@${new URL(server.url).host}/default`])
    closing.push(() => collect.child.kill('SIGKILL'))
    const url = await collect.url
    const traffic = sendUntilAcknowledged(`${url}/collect`, { senders: 4, batches: 30, size: 20, make: () => event('query.run', { rows: 2 }) })
    await traffic.acknowledgedAtLeast(400)
    await server.kill()
    await traffic.refusedAtLeast(5)
    expect((await fetch(`${url}/health`)).status).toBe(200)
    await server.start()
    await traffic.acknowledgedAtLeast(2000)
    collect.child.kill('SIGKILL')
    expect(await collect.exited).toEqual({ code: null, signal: 'SIGKILL' })
    traffic.stop()
    const { acknowledged, statuses } = await traffic.done
    expect(acknowledged.length).toBeGreaterThanOrEqual(2000)
    expect(statuses.get(503)).toBeGreaterThanOrEqual(5)
    const ids = acknowledged.map((id) => `'${id}'`).join(', ')
    expect(Number((await reader.query(`SELECT count() AS n FROM events FINAL WHERE id IN (${ids})`))[0]!.n)).toBe(acknowledged.length)
  }, 90_000)
})
