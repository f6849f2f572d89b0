// The store benchmark (`npm run bench`): `trackplan/collector` in its own process with each database
// store, fed batches of 100 events over HTTP, against the database's own bulk load of the same rows
// (PostgreSQL's and DuckDB's COPY from CSV, ClickHouse's INSERT … FORMAT JSONEachRow) into empty
// tables of the same DDL, in the same run. Then an overload: more connections than the store can
// serve, where the collector must answer 503 rather than hold more and more in memory.
import { fork, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCollector, openStore, schemaSql, serveCollector, warehouseTables, type CollectedEvent, type Dialect } from 'trackplan/collector'
import { definePlan, type TrackedEvent } from 'trackplan/core'
import { z } from 'zod'
import { hasClickHouse, hasPostgres, startClickHouse, startPostgres } from '../test/warehouse/databaseServers'

const plan = definePlan({
  events: {
    'query.run': { description: 'A query finished', properties: z.object({ rows: z.number().int(), cached: z.boolean(), source: z.enum(['sql', 'explore']) }) },
    'button.clicked': { description: 'A button was clicked', properties: z.object({ label: z.string() }) },
  },
})

interface Served {
  child: ChildProcess
  url: string
  ask<T>(question: string): Promise<T>
}

/** This program in a child process, in `mode`: its messages, in order, and its answers to questions. */
function start(mode: 'serve' | 'alone', storeUrl: string): Omit<Served, 'url'> & { next<T>(): Promise<T> } {
  const child = fork(process.argv[1]!, [mode, storeUrl], { stdio: 'inherit', execArgv: ['--expose-gc', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : [])] })
  const answers: Array<(message: unknown) => void> = []
  child.on('message', (message) => answers.shift()?.(message))
  const next = <T>(): Promise<T> => new Promise((resolve) => answers.push(resolve as (message: unknown) => void))
  return {
    child,
    next,
    ask<T>(question: string) {
      const answer = next<T>()
      child.send(question)
      return answer
    },
  }
}

/** The collector on `storeUrl` in a child process, once it listens. */
async function serve(storeUrl: string): Promise<Served> {
  const { child, next, ask } = start('serve', storeUrl)
  const { url } = await next<{ url: string }>()
  return { child, url, ask }
}

let sequence = 0
/** One batch of 100 events, half of each kind, as a client sends them. */
function batchOf(now: string): TrackedEvent[] {
  return Array.from({ length: 100 }, (_, i): TrackedEvent =>
    i % 2 === 0
      ? { id: `w-${process.pid}-${++sequence}`, type: 'track', name: 'query.run', properties: { rows: i, cached: false, source: 'sql' }, context: { app: 'webapp', page: { name: 'explorer', type: 'page' } }, timestamp: now, anonymousId: 'anon-1', userId: 'user-1' }
      : { id: `w-${process.pid}-${++sequence}`, type: 'track', name: 'button.clicked', properties: { label: 'Run' }, context: { app: 'webapp', section: { name: 'toolbar', path: ['toolbar'] } }, timestamp: now, anonymousId: 'anon-1' },
  )
}
function body(): string {
  const now = new Date().toISOString()
  return JSON.stringify({ batch: batchOf(now), sentAt: now })
}

/** Batches on `connections` keep-alive connections for `seconds`: events acknowledged, and answers by status. */
async function load(url: string, connections: number, seconds: number): Promise<{ perSecond: number; statuses: Map<number, number> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const statuses = new Map<number, number>()
  const post = (payload: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const sent = request(`${url}/collect`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          statuses.set(response.statusCode!, (statuses.get(response.statusCode!) ?? 0) + 1)
          resolve(response.statusCode === 200 ? (JSON.parse(text) as { accepted: number }).accepted : 0)
        })
      })
      sent.on('error', reject)
      sent.end(payload)
    })
  const started = performance.now()
  const until = started + seconds * 1000
  let accepted = 0
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const taken = await post(body())
        accepted += taken
        // A refused batch is retried later, as httpSink does: not at once.
        if (taken === 0) await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }),
  )
  agent.destroy()
  return { perSecond: accepted / ((performance.now() - started) / 1000), statuses }
}

interface Database {
  dialect: Dialect
  url: string
  /** The rows the collector stored, loaded again by the database's own bulk path into empty tables of the same DDL; the seconds it took. */
  bulkLoad(tables: string[]): Promise<number>
  /** How many events the collector stored. */
  stored(): Promise<number>
  /** A second, empty database on the same server (or file), for the store written to without the collector. */
  other(): Promise<string>
  stop(): Promise<void>
}

const tableNames = (): string[] => ['events', ...[...warehouseTables(plan).byEvent.values()].map(({ name }) => name)]

async function postgres(): Promise<Database> {
  const server = await startPostgres()
  const { default: pg } = await import('pg')
  const folder = mkdtempSync(join(tmpdir(), 'trackplan-bench-pg-'))
  chmodSync(folder, 0o777)
  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    const client = new pg.Client({ connectionString: server.url })
    await client.connect()
    try {
      return (await client.query(sql)).rows
    } finally {
      await client.end()
    }
  }
  return {
    dialect: 'postgres',
    url: server.url,
    async bulkLoad(tables) {
      for (const table of tables) await query(`COPY "${table}" TO '${folder}/${table}.csv' (FORMAT csv)`)
      await query(`CREATE SCHEMA raw; SET search_path = raw; ${schemaSql(plan, 'postgres')}`)
      const client = new pg.Client({ connectionString: server.url })
      await client.connect()
      const started = performance.now()
      await client.query('BEGIN')
      for (const table of tables) await client.query(`COPY raw."${table}" FROM '${folder}/${table}.csv' (FORMAT csv)`)
      await client.query('COMMIT')
      const seconds = (performance.now() - started) / 1000
      await client.end()
      return seconds
    },
    stored: async () => Number((await query('SELECT count(*) AS n FROM events'))[0]!.n),
    async other() {
      await query('CREATE DATABASE alone')
      const url = new URL(server.url)
      url.pathname = '/alone'
      return url.toString()
    },
    async stop() {
      await server.remove()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

async function duckdb(): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'trackplan-bench-duckdb-'))
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const file = join(folder, 'events.duckdb')
  const open = async () => {
    const instance = await DuckDBInstance.create(file)
    return { instance, connection: await instance.connect() }
  }
  return {
    dialect: 'duckdb',
    url: `duckdb:${file}`,
    async bulkLoad(tables) {
      const { instance, connection } = await open()
      for (const table of tables) await connection.run(`COPY "${table}" TO '${folder}/${table}.csv' (FORMAT csv, HEADER false)`)
      await connection.run(`ATTACH '${join(folder, 'raw.duckdb')}' AS raw; USE raw;`)
      for (const statement of schemaSql(plan, 'duckdb').split(';\n').filter((text) => text.trim())) await connection.run(statement)
      const started = performance.now()
      await connection.run('BEGIN TRANSACTION')
      for (const table of tables) await connection.run(`COPY raw."${table}" FROM '${folder}/${table}.csv' (FORMAT csv, HEADER false)`)
      await connection.run('COMMIT')
      const seconds = (performance.now() - started) / 1000
      connection.closeSync()
      instance.closeSync()
      return seconds
    },
    async stored() {
      const { instance, connection } = await open()
      const n = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjectsJson()[0]!.n)
      connection.closeSync()
      instance.closeSync()
      return n
    },
    other: async () => `duckdb:${join(folder, 'alone.duckdb')}`,
    async stop() {
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

async function clickhouse(): Promise<Database> {
  const server = await startClickHouse()
  const run = async (sql: string, database = 'default', payload?: string): Promise<string> => {
    const response = await fetch(`${server.url}/?database=${database}&query=${encodeURIComponent(sql)}`, { method: 'POST', body: payload ?? '' })
    const text = await response.text()
    if (!response.ok) throw new Error(text)
    return text
  }
  return {
    dialect: 'clickhouse',
    url: `clickhouse://default@${new URL(server.url).host}/default`,
    async bulkLoad(tables) {
      const dumps = new Map<string, string>()
      for (const table of tables) dumps.set(table, await run(`SELECT * FROM ${table} FORMAT JSONEachRow`))
      await run('CREATE DATABASE raw')
      for (const statement of schemaSql(plan, 'clickhouse').split(';\n').filter((text) => text.trim())) await run(statement, 'raw')
      const started = performance.now()
      for (const table of tables) await run(`INSERT INTO ${table} FORMAT JSONEachRow`, 'raw', dumps.get(table)!)
      return (performance.now() - started) / 1000
    },
    stored: async () => Number((await run('SELECT count() FROM events FINAL')).trim()),
    async other() {
      await run('CREATE DATABASE alone')
      return `clickhouse://default@${new URL(server.url).host}/alone`
    },
    stop: () => server.stop(),
  }
}

async function main(): Promise<void> {
  const targets: Record<Dialect, number | undefined> = { postgres: 0.4, duckdb: 0.4, clickhouse: undefined }
  const makers: Array<[string, () => Promise<Database>, boolean]> = [
    ['DuckDB', duckdb, true],
    ['PostgreSQL', postgres, hasPostgres()],
    ['ClickHouse', clickhouse, hasClickHouse()],
  ]
  console.log('\nStores (trackplan collect in its own process, batches of 100 events over HTTP, plan validation with zod, a table per event; against the same rows loaded by the database itself)')
  const only = process.env.BENCH_STORES?.split(',')
  for (const [label, make, available] of makers) {
    if (only && !only.includes(label)) continue
    if (!available) {
      console.log(`  ${label}: not installed, not measured`)
      continue
    }
    const database = await make()
    try {
      const served = await serve(database.url)
      const steady = await load(served.url, 8, 5)
      const afterSteady = await served.ask<{ heapMB: number }>('memory')
      // Overload: far more connections than the store can serve; it must refuse, not hold.
      const first = await load(served.url, 128, 4)
      const afterFirst = await served.ask<{ heapMB: number }>('memory')
      const second = await load(served.url, 128, 4)
      const afterSecond = await served.ask<{ heapMB: number }>('memory')
      await served.ask('stop')
      const { perSecond: alonePerSecond } = await start('alone', await database.other()).next<{ perSecond: number }>()
      const stored = await database.stored()
      const seconds = await database.bulkLoad(tableNames())
      const raw = stored / seconds
      const ratio = steady.perSecond / raw
      const target = targets[database.dialect]
      const verdict = target === undefined ? '(no target)' : ratio >= target ? `target ≥ ${target * 100}%: met` : `target ≥ ${target * 100}%: MISSED`
      const refused = (statuses: Map<number, number>): number => statuses.get(503) ?? 0
      console.log(`  ${label}: ${Math.round(steady.perSecond).toLocaleString('en-US')} events/s through the collector; the database's own bulk load of the same ${stored.toLocaleString('en-US')} events: ${Math.round(raw).toLocaleString('en-US')} events/s; ratio ${(ratio * 100).toFixed(0)}% ${verdict}`)
      console.log(`    the store alone, 5,000 events per transaction (no HTTP, parsing or validation): ${Math.round(alonePerSecond).toLocaleString('en-US')} events/s, ${((alonePerSecond / raw) * 100).toFixed(0)}% of the bulk load`)
      console.log(
        `    overload on 128 connections, two 4 s windows: ${Math.round(first.perSecond).toLocaleString('en-US')} and ${Math.round(second.perSecond).toLocaleString('en-US')} events/s stored, ${refused(first.statuses)} and ${refused(second.statuses)} answers 503; ` +
          `collector heap after gc ${afterSteady.heapMB.toFixed(1)} MB steady, ${afterFirst.heapMB.toFixed(1)} and ${afterSecond.heapMB.toFixed(1)} MB after each window (${afterSecond.heapMB <= afterFirst.heapMB * 1.1 + 1 ? 'no growth' : 'GROWS'})`,
      )
    } finally {
      await database.stop()
    }
  }
}

/**
 * The store at its ceiling: two writers of 5,000 events each (the largest transaction the store makes),
 * one always waiting, so that the database never waits for them; no HTTP, parsing or validation.
 */
async function alone(storeUrl: string, seconds: number): Promise<number> {
  const store = openStore(storeUrl, { plan })
  await store.ready()
  const started = performance.now()
  const until = started + seconds * 1000
  let written = 0
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (performance.now() < until) {
        const now = new Date().toISOString()
        // Stamped in place, as the collector stamps what it parsed.
        const events = Array.from({ length: 50 }, () => batchOf(now)).flat() as CollectedEvent[]
        for (const event of events) event.receivedAt = now
        const stored = await store.write(events, [])
        written += stored.length
      }
    }),
  )
  const perSecond = written / ((performance.now() - started) / 1000)
  await store.close()
  return perSecond
}

// Last, so that every declaration above is initialized before either side runs.
if (process.argv[2] === 'alone') {
  process.send!({ perSecond: await alone(process.argv[3]!, 5) })
  process.exit(0)
} else if (process.argv[2] === 'serve') {
  const store = openStore(process.argv[3]!, { plan })
  await store.ready()
  // One load generator stands for the many clients of a real collector: no per-address rate limit.
  const collector = createCollector({ plan, store, log: () => {}, rateLimit: false })
  const server = await serveCollector(collector, { port: 0 })
  process.send!({ url: server.url })
  process.on('message', async (question) => {
    if (question === 'memory') {
      globalThis.gc?.()
      process.send!({ heapMB: process.memoryUsage().heapUsed / 1e6, counters: collector.counters() })
      return
    }
    await server.close()
    await collector.close()
    process.send!({ stopped: true })
    process.exit(0)
  })
} else {
  await main()
}

