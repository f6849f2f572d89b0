import { dialects, onConflict } from './dialects.js'
import { appendNew, appendRows, idList, isDuplicateKey, type DuckTable } from './duckdbAppend.js'
import { useDuckFile, type DuckConnection } from './duckdbFile.js'
import { jsonText } from './jsonText.js'
import { columnsByTable } from './columnsByTable.js'
import type { Row } from './rows.js'
import { warehouseStore, type Insert, type WarehouseDriver, type WarehouseStore, type WarehouseStoreOptions } from './warehouseStore.js'

const quote = dialects.duckdb.quote

function insertStatement(insert: Insert): string {
  const names = insert.columns.map(({ name }) => quote(name)).join(', ')
  const structure = JSON.stringify([Object.fromEntries(insert.columns.map((column) => [column.name, dialects.duckdb.types[column.type]]))])
  // The rows travel as one JSON parameter, typed by the table's own structure and unnested into rows.
  return `INSERT INTO ${quote(insert.table)} (${names}) SELECT ${names} FROM (SELECT unnest(from_json($1::JSON, '${structure.replace(/'/g, "''")}'), recursive := true)) ${onConflict(insert)}`
}

let stores = 0

/** What `duckdbStore` takes besides the file: the store options, and when the file is let go. */
export interface DuckdbStoreOptions extends WarehouseStoreOptions {
  /** The file is closed after this many ms without writes, so that other processes can open it; Infinity keeps it open. Default 2,000. */
  idleCloseMs?: number
}

/**
 * DuckDB as the store, embedded in the collector's process, through `@duckdb/node-api` (an optional
 * peer): a file to open in DuckDB's CLI, a notebook or Lightdash, with nothing to install or run.
 * One process owns the file while it is open (stores on it in this process share one connection);
 * it is closed after `idleCloseMs` without writes, so that DuckDB's CLI or `trackplan report` can
 * open it between bursts. For several collector processes, use PostgreSQL or ClickHouse.
 *
 * @example
 * createCollector({ plan, store: duckdbStore('.trackplan/events.duckdb', { plan }) })
 */
export function duckdbStore(path: string, options: DuckdbStoreOptions = {}): WarehouseStore {
  const file = useDuckFile(path, options.idleCloseMs ?? 2000)
  const inTurn = file.inTurn
  // Stages are temporary tables of the file's one connection: each store has its own.
  const own = ++stores
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
    const stage = quote(`stage_${table}_${own}`)
    return {
      layout,
      async stage() {
        await db.run(`CREATE TEMP TABLE IF NOT EXISTS ${stage} AS SELECT * FROM main.${quote(table)} LIMIT 0`)
        return db.createAppender(`stage_${table}_${own}`, 'main', 'temp')
      },
      async commitStage() {
        const rows = (await db.runAndReadAll(`INSERT INTO main.${quote(table)} SELECT * FROM temp.${stage} ON CONFLICT DO NOTHING RETURNING ${key} AS id`)).getRowObjectsJson()
        await db.run(`DELETE FROM temp.${stage}`)
        return new Set(rows.map((row) => String(row.id)))
      },
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

  /** The inserts, in the caller's transaction: appended to the tables (`direct`), or staged and moved with ON CONFLICT. */
  const writeAll = async (db: DuckConnection, inserts: readonly Insert[], direct: boolean): Promise<Set<string>> => {
    let added = new Set<string>()
    for (const insert of inserts) {
      if (insert.replace) {
        await db.run(insertStatement(insert), [jsonText(insert.rows)])
        continue
      }
      let fresh: Set<string>
      try {
        const table = await tableOf(db, insert.table)
        if (direct) {
          appendRows(await db.createAppender(insert.table, 'main'), table.layout, insert)
          fresh = new Set(insert.rows.map((row) => String(row[table.layout[0]!])))
        } else fresh = await appendNew(table, insert)
      } catch (error) {
        if (isDuplicateKey(error)) throw error
        // Another store on the file may have added a column since the layout (and the stage) was made.
        layouts.delete(insert.table)
        await db.run(`DROP TABLE IF EXISTS temp.${quote(`stage_${insert.table}_${own}`)}`).catch(() => {})
        throw error
      }
      if (insert.returning) added = fresh
    }
    return added
  }

  const driver: WarehouseDriver = {
    dialect: 'duckdb',
    async columns(tables) {
      const list = tables.map((table) => `'${table.replace(/'/g, "''")}'`).join(', ')
      const rows = await inTurn(async (db) => (await db.runAndReadAll(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN (${list})`)).getRowObjectsJson())
      return columnsByTable(rows, { table: 'table_name', column: 'column_name', type: 'data_type' })
    },
    migrate: (statements) =>
      inTransaction(async (db) => {
        for (const table of layouts.keys()) await db.run(`DROP TABLE IF EXISTS temp.${quote(`stage_${table}_${own}`)}`)
        layouts.clear()
        for (const statement of statements) await db.run(statement)
      }),
    async write(inserts) {
      // Most writes hold only new ids: their rows are appended to the tables themselves, DuckDB's
      // bulk path, at about twice the rate of a staging table moved with ON CONFLICT. A key the
      // table holds (a retry) fails the append; the transaction is rolled back, and the write is
      // done again through the staging tables, which skip it.
      try {
        return await inTransaction((db) => writeAll(db, inserts, true))
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        return inTransaction((db) => writeAll(db, inserts, false))
      }
    },
    query: (sql) => inTurn(async (db) => (await db.runAndReadAll(sql)).getRowObjectsJson()),
    close: () => file.release(),
  }
  return warehouseStore(driver, options)
}
