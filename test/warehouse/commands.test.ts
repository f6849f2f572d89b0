// @vitest-environment node
// `trackplan schema` and `trackplan report` as users run them, in their own processes: the DDL of
// each dialect and the dbt sources file from a zod plan; the report read from a DuckDB file that a
// collector in this process has open, which it lets go of once idle.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCollector, duckdbStore } from '../../src/collector.ts'
import { cliScript } from '../collector/collectProcess.ts'
import { event, order, plan, post } from './storeSuite.ts'

let directory: string
let script: string
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'trackplan-commands-'))
  script = await cliScript()
})
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const trackplan = (...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A zod plan module beside the repository's node_modules, as a team writes one. */
const planModule = (): string => {
  const path = join(resolve(import.meta.dirname), `.plan-${process.pid}.ts`)
  writeFileSync(
    path,
    `import { z } from 'zod'
export const plan = { events: { 'accept.order.completed': { description: 'An order was accepted', properties: z.object({ orderId: z.string().describe('The order, as the shop numbers it'), total: z.number(), express: z.boolean() }) } } }
`,
  )
  return path
}

it('trackplan schema prints each dialect\'s DDL, and --dbt writes sources whose descriptions come from the plan', () => {
  const path = planModule()
  try {
    const postgres = trackplan('schema', path, '--dialect', 'postgres', '--dbt', join(directory, 'sources.yml'))
    expect(postgres.stderr).toBe('')
    expect(postgres.stdout).toContain('CREATE TABLE IF NOT EXISTS "accept_order_completed" (')
    expect(postgres.stdout).toMatch(/"order_id" text,\n\s+"total" double precision,\n\s+"express" boolean,\n\s+PRIMARY KEY \("id"\)/)
    const clickhouse = trackplan('schema', path, '--dialect', 'clickhouse')
    expect(clickhouse.stdout).toMatch(/`total` Nullable\(Float64\)[\s\S]*ENGINE = ReplacingMergeTree\(\) PARTITION BY toYYYYMM\(received_at\) ORDER BY `id`/)
    expect(trackplan('schema', path, '--dialect', 'duckdb').stdout).toContain('"express" BOOLEAN')
    const sources = readFileSync(join(directory, 'sources.yml'), 'utf8')
    expect(sources).toContain('      - name: "accept_order_completed"\n        description: "An order was accepted"')
    expect(sources).toContain('          - name: "order_id"\n            description: "The order, as the shop numbers it"')
    const wrong = trackplan('schema', path, '--dialect', 'oracle')
    expect([wrong.status, wrong.stderr.trim()]).toEqual([2, '--dialect must be one of duckdb, postgres, clickhouse, got oracle'])
  } finally {
    rmSync(path, { force: true })
  }
})

it('trackplan report reads a DuckDB file a running collector holds, once the collector is idle; the collector writes again after', async () => {
  const file = join(directory, 'live.duckdb')
  const store = duckdbStore(file, { plan, idleCloseMs: 100 })
  const collector = createCollector({ plan, store, log: () => {} })
  try {
    expect((await post(collector, [event('accept.order.completed', order()), event('accept.order.completed', order()), event('order.teleported')])).status).toBe(200)
    await new Promise((done) => setTimeout(done, 400))
    const report = trackplan('report', '--store', `duckdb:${file}`)
    expect(report.stderr).toBe('')
    const today = new Date().toISOString().slice(0, 10)
    expect(report.stdout).toMatch(new RegExp(`${today}  accept\\.order\\.completed\\s+2\\s+0`))
    expect(report.stdout).toMatch(/order\.teleported\s+0\s+1\s+1× event "order\.teleported" is not in the tracking plan/)
    expect(report.stdout).toContain('planned, never seen: button.clicked')
    expect(report.stdout).toContain('seen, not planned: order.teleported')
    expect((await post(collector, [event('button.clicked')])).status).toBe(200)
  } finally {
    await collector.close()
  }
})

it('trackplan report names what it takes when the store URL is wrong', () => {
  const result = trackplan('report', '--store', 'mysql://x')
  expect([result.status, result.stderr.trim()]).toEqual([1, 'trackplan report: "mysql://x" is not a store this collector knows: duckdb:PATH, postgres://USER@HOST:PORT/DATABASE or clickhouse://USER:PASSWORD@HOST:PORT/DATABASE'])
})
