import type { TrackingPlan } from '../../core.js'
import { isId } from '../../core/internal.js'
import type { EventStore } from '../eventStore.js'
import type { CollectedEvent } from '../stamp.js'
import type { Dialect } from './dialects.js'
import { groupCommit } from './groupCommit.js'
import { allTables, migrate } from './migrate.js'
import { rowsOf, type QuarantinedEvent, type Row } from './rows.js'
import { warehouseTables, type Column, type WarehouseTables } from './tables.js'

/** One table's rows in a write: ignored where the id exists already, or replacing it. */
export interface Insert {
  table: string
  columns: readonly Column[]
  rows: readonly Row[]
  /** Replace the row with the same key (the plan's own table); otherwise keep the first. */
  replace?: boolean
  /** Report which ids this insert added (the `events` table). */
  returning?: boolean
}

/** What a database gives the warehouse store: its columns, its DDL, its idempotent inserts, its queries. */
export interface WarehouseDriver {
  readonly dialect: Dialect
  /** The columns that exist, by table, with their types as the database names them. */
  columns(tables: readonly string[]): Promise<Map<string, Map<string, string>>>
  /** Runs DDL, one collector at a time where the database can lock. */
  migrate(statements: readonly string[]): Promise<void>
  /** The inserts, in one transaction where the database has them; resolves once committed, to the ids the `returning` inserts added. */
  write(inserts: readonly Insert[]): Promise<Set<string>>
  query(sql: string): Promise<Row[]>
  close(): Promise<void>
}

/** What every database store takes: the plan its tables come from, and the bounds of its writes. */
export interface WarehouseStoreOptions {
  plan?: TrackingPlan | undefined
  /** Events waiting for the database beyond this many are refused (503) instead of held. Default 20,000. */
  maxWaitingEvents?: number
  /** At most this many events in one transaction. Default 5,000. */
  maxBatchEvents?: number
  /** At most this many transactions at once. Default 2 (1 for DuckDB, whose one connection runs them in turn). */
  concurrency?: number
  /** Where schema problems are said. Default console.error. */
  log?: (message: string) => void
}

/** A database store, with what the `schema` and `report` commands read of it. */
export interface WarehouseStore extends EventStore {
  readonly dialect: Dialect
  readonly tables: WarehouseTables
  /** Creates and migrates the tables now, rather than at the first write. */
  ready(): Promise<void>
  /** Runs SQL on the store's database and resolves to its rows (what `planReport` reads). */
  query(sql: string): Promise<Row[]>
}

interface Pending {
  accepted: readonly CollectedEvent[]
  quarantined: readonly QuarantinedEvent[]
}

/**
 * Events in database tables made from the plan (see `warehouseTables`), written in group commits:
 * the requests that arrive while one transaction runs go together in the next. Every insert ignores
 * an id the table holds already, so retries, reloads and several collectors on one database store
 * each event once. The tables are created, or given their new columns, at the first write, and again
 * after a failure: a database that was down when the collector started is used once it is up.
 */
export function warehouseStore(driver: WarehouseDriver, options: WarehouseStoreOptions = {}): WarehouseStore {
  const tables = warehouseTables(options.plan)
  const tableColumns = new Map(allTables(tables).map((table) => [table.name, table.columns.length]))
  const log = options.log ?? ((message: string) => console.error(`[trackplan] ${driver.dialect} store: ${message}`))
  let writable: Map<string, readonly Column[]> | undefined
  let migrating: Promise<void> | undefined

  const ready = (): Promise<void> => {
    if (writable) return Promise.resolve()
    migrating ??= migrate(driver, tables, log).then(
      (columns) => {
        writable = columns
      },
      (error: unknown) => {
        migrating = undefined
        throw error
      },
    )
    return migrating
  }

  const commit = groupCommit<Pending, boolean[]>({
    size: ({ accepted, quarantined }) => accepted.length + quarantined.length,
    maxWaiting: options.maxWaitingEvents ?? 20_000,
    maxBatch: options.maxBatchEvents ?? 5_000,
    concurrency: options.concurrency ?? (driver.dialect === 'duckdb' ? 1 : 2),
    async write(items) {
      const rows = rowsOf(
        tables,
        items.flatMap(({ accepted }) => accepted),
        items.flatMap(({ quarantined }) => quarantined),
        isId,
      )
      const insert = (table: string, list: Row[], returning = false): Insert => {
        const columns = writable!.get(table)!
        // A column left out (its type in the database is not the plan's) is left out of the rows too.
        const projected = columns.length === tableColumns.get(table) ? list : list.map((row) => Object.fromEntries(columns.map(({ name }) => [name, row[name]])))
        return returning ? { table, columns, rows: projected, returning } : { table, columns, rows: projected }
      }
      const inserts = [insert('events', rows.events, true)]
      for (const [table, list] of rows.byTable) inserts.push(insert(table, list))
      inserts.push(insert('quarantine', rows.quarantine))
      const added = await driver.write(inserts.filter((insert) => insert.rows.length > 0))
      // An id sent by two requests in one transaction was added once: the first request has it.
      return items.map(({ accepted }) => accepted.map((event) => added.delete(event.id)))
    },
  })

  return {
    name: driver.dialect,
    dialect: driver.dialect,
    dropsDuplicates: true,
    tables,
    ready,
    async write(accepted, quarantined) {
      if (accepted.length === 0 && quarantined.length === 0) return []
      await ready()
      return commit.add({ accepted, quarantined })
    },
    query: (sql) => driver.query(sql),
    close: () => driver.close(),
  }
}
