import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { dialects, onConflict } from './dialects.js'
import { appendNew, idList, type DuckAppender, type DuckTable } from './duckdbAppend.js'
import { jsonText } from './jsonText.js'
import type { Row } from './rows.js'
import { warehouseStore, type Insert, type WarehouseDriver, type WarehouseStore, type WarehouseStoreOptions } from './warehouseStore.js'

/** The part of `@duckdb/node-api` this store uses: an optional peer, loaded only when a DuckDB store is made. */
interface DuckConnection {
  run(sql: string, values?: unknown[]): Promise<unknown>
  createAppender(table: string): Promise<DuckAppender>
  runAndReadAll(sql: string, values?: unknown[]): Promise<{ getRowObjectsJson(): Row[] }>
  closeSync(): void
}
interface DuckInstance {
  connect(): Promise<DuckConnection>
  closeSync(): void
}

const quote = dialects.duckdb.quote

function insertStatement(insert: Insert): string {
  const names = insert.columns.map(({ name }) => quote(name)).join(', ')
  const structure = JSON.stringify([Object.fromEntries(insert.columns.map((column) => [column.name, dialects.duckdb.types[column.type]]))])
  // The rows travel as one JSON parameter, typed by the table's own structure and unnested into rows.
  return `INSERT INTO ${quote(insert.table)} (${names}) SELECT ${names} FROM (SELECT unnest(from_json($1::JSON, '${structure.replace(/'/g, "''")}'), recursive := true)) ${onConflict(insert)}`
}

interface OpenFile {
  connection: Promise<DuckConnection>
  instance: Promise<DuckInstance>
  /** Transactions on the one connection run one after another. */
  turn: Promise<unknown>
  stores: number
}

/** One instance and connection per file in this process, shared by every store on it: DuckDB lets one process own a file. */
const files = new Map<string, OpenFile>()

function openFile(path: string): OpenFile {
  let file = files.get(path)
  if (!file) {
    const instance = import('@duckdb/node-api').then(async ({ DuckDBInstance }) => {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
      return (await DuckDBInstance.create(path)) as unknown as DuckInstance
    })
    const connection = instance.then(async (opened) => {
      const made = await opened.connect()
      await made.run("SET TimeZone = 'UTC'")
      return made
    })
    file = { instance, connection, turn: Promise.resolve(), stores: 0 }
    files.set(path, file)
    // A file that could not be opened is tried again by the next store or write.
    connection.catch(() => {
      if (files.get(path) === file) files.delete(path)
    })
  }
  return file
}

/**
 * DuckDB as the store, embedded in the collector's process, through `@duckdb/node-api` (an optional
 * peer): a file to open in DuckDB's CLI, a notebook or Lightdash, with nothing to install or run.
 * One process owns the file (stores on it in this process share one connection): for several
 * collector processes, use PostgreSQL or ClickHouse.
 *
 * @example
 * createCollector({ plan, store: duckdbStore('.trackplan/events.duckdb', { plan }) })
 */
export function duckdbStore(path: string, options: WarehouseStoreOptions = {}): WarehouseStore {
  let file: OpenFile | undefined
  const opened = (): OpenFile => {
    if (!file || files.get(path) !== file) {
      file = openFile(path)
      file.stores++
    }
    return file
  }
  /** Work on the file's connection in its turn, after every transaction before it. */
  const inTurn = <T>(work: (db: DuckConnection) => Promise<T>): Promise<T> => {
    const shared = opened()
    const result = shared.turn.then(async () => work(await shared.connection))
    shared.turn = result.catch(() => {})
    return result
  }
  /** Each table's column order, read once after the tables are made. */
  const layouts = new Map<string, readonly string[]>()
  const tableOf = async (db: DuckConnection, table: string): Promise<DuckTable> => {
    let layout = layouts.get(table)
    if (!layout) {
      const rows = (await db.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${idList([table])} ORDER BY ordinal_position`)).getRowObjectsJson()
      layout = rows.map((row) => String(row.column_name))
      layouts.set(table, layout)
    }
    const key = quote(layout[0]!)
    return {
      layout,
      async held(ids) {
        if (ids.length === 0) return new Set()
        const rows = (await db.runAndReadAll(`SELECT ${key} AS id FROM ${quote(table)} WHERE ${key} IN (${idList(ids)})`)).getRowObjectsJson()
        return new Set(rows.map((row) => String(row.id)))
      },
      appender: () => db.createAppender(table),
    }
  }
  const inTransaction = <T>(work: (db: DuckConnection) => Promise<T>): Promise<T> =>
    inTurn(async (db) => {
      await db.run('BEGIN TRANSACTION')
      try {
        const result = await work(db)
        await db.run('COMMIT')
        return result
      } catch (error) {
        await db.run('ROLLBACK').catch(() => {})
        throw error
      }
    })

  const driver: WarehouseDriver = {
    dialect: 'duckdb',
    async columns(tables) {
      const list = tables.map((table) => `'${table.replace(/'/g, "''")}'`).join(', ')
      const rows = await inTurn(async (db) => (await db.runAndReadAll(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN (${list})`)).getRowObjectsJson())
      const found = new Map<string, Map<string, string>>()
      for (const row of rows) {
        const table = String(row.table_name)
        if (!found.has(table)) found.set(table, new Map())
        found.get(table)!.set(String(row.column_name), String(row.data_type))
      }
      return found
    },
    migrate: (statements) =>
      inTransaction(async (db) => {
        layouts.clear()
        for (const statement of statements) await db.run(statement)
      }),
    write: (inserts) =>
      inTransaction(async (db) => {
        let added = new Set<string>()
        for (const insert of inserts) {
          if (insert.replace) {
            await db.run(insertStatement(insert), [jsonText(insert.rows)])
            continue
          }
          let fresh: Set<string>
          try {
            fresh = await appendNew(await tableOf(db, insert.table), insert)
          } catch (error) {
            // Another store on the file may have added a column since the layout was read.
            layouts.delete(insert.table)
            throw error
          }
          if (insert.returning) added = fresh
        }
        return added
      }),
    query: (sql) => inTurn(async (db) => (await db.runAndReadAll(sql)).getRowObjectsJson()),
    async close() {
      const mine = file
      file = undefined
      if (!mine || --mine.stores > 0 || files.get(path) !== mine) return
      files.delete(path)
      await mine.turn
      const [instance, db] = await Promise.all([mine.instance, mine.connection])
      db.closeSync()
      instance.closeSync()
    },
  }
  return warehouseStore(driver, options)
}
