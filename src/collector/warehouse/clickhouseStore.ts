import { columnsByTable } from './columnsByTable.js'
import { jsonText } from './jsonText.js'
import type { Row } from './rows.js'
import type { Column } from './tables.js'
import { warehouseStore, type WarehouseDriver, type WarehouseStore, type WarehouseStoreOptions } from './warehouseStore.js'

/** The part of `@clickhouse/client` this store uses: an optional peer, loaded only when a ClickHouse store is made. */
interface ClickHouseClient {
  command(params: { query: string }): Promise<unknown>
  insert(params: { table: string; values: readonly Row[]; format: 'JSONEachRow' }): Promise<unknown>
  query(params: { query: string; format: 'JSONEachRow' }): Promise<{ json<T>(): Promise<T[]> }>
  close(): Promise<void>
}

/** What `clickhouseStore` takes besides the URL of the HTTP interface: the database and its credentials. */
export interface ClickHouseStoreOptions extends WarehouseStoreOptions {
  /** Default "default". */
  database?: string
  username?: string
  password?: string
}

const literal = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
/** The string with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, before Node 20). */
const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
/** ClickHouse 18's DateTime reads "YYYY-MM-DD hh:mm:ss" (UTC, as the columns are declared). */
const dateTime = (iso: unknown): unknown => (typeof iso === 'string' ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : iso)

/** A row as ClickHouse's JSONEachRow reads it into the declared columns. */
function clickhouseRow(columns: readonly Column[], row: Row): Row {
  const out: Row = {}
  for (const { name, type } of columns) {
    const value = row[name]
    // ClickHouse's JSON reader refuses a lone surrogate's escape: JSON goes through jsonText, text is made well-formed.
    out[name] =
      value === null || value === undefined
        ? null
        : type === 'json'
          ? jsonText(value)
          : type === 'boolean'
            ? value
              ? 1
              : 0
            : type === 'timestamp'
              ? dateTime(value)
              : typeof value === 'string'
                ? wellFormed(value)
                : value
  }
  return out
}

/**
 * ClickHouse as the store, over its HTTP interface through `@clickhouse/client` (an optional peer),
 * for teams past one machine. Tables are ReplacingMergeTree ordered by id: ClickHouse has no
 * transactions and no unique key, so an event written twice (a retry racing another collector) is
 * two rows until the parts merge, and a count that must be exact reads with `FINAL`. Ids the table
 * holds already are not written again, which leaves duplicates only to such races.
 *
 * @example
 * createCollector({ plan, store: clickhouseStore('http://127.0.0.1:8123', { plan }) })
 */
export function clickhouseStore(url: string, options: ClickHouseStoreOptions = {}): WarehouseStore {
  let client: Promise<ClickHouseClient> | undefined
  const connect = (): Promise<ClickHouseClient> =>
    (client ??= import(/* webpackIgnore: true */ '@clickhouse/client').then(
      ({ createClient, ClickHouseLogLevel }) =>
        createClient({
          url,
          database: options.database ?? 'default',
          ...(options.username === undefined ? {} : { username: options.username }),
          ...(options.password === undefined ? {} : { password: options.password }),
          log: { level: ClickHouseLogLevel.OFF },
        }) as unknown as ClickHouseClient,
    ))
  const select = async (query: string): Promise<Row[]> => (await (await connect()).query({ query, format: 'JSONEachRow' })).json<Row>()

  const driver: WarehouseDriver = {
    dialect: 'clickhouse',
    async columns(tables) {
      const rows = await select(`SELECT table, name, type FROM system.columns WHERE database = currentDatabase() AND table IN (${tables.map(literal).join(', ')})`)
      return columnsByTable(rows, { table: 'table', column: 'name', type: 'type' })
    },
    async migrate(statements) {
      const db = await connect()
      for (const statement of statements) {
        try {
          await db.command({ query: statement })
        } catch (error) {
          // Another collector added the same column first (ClickHouse 18 has no ADD COLUMN IF NOT EXISTS).
          if (!/already exists/i.test(String(error))) throw error
        }
      }
    },
    async write(inserts) {
      const db = await connect()
      const added = new Set<string>()
      for (const insert of inserts) {
        const key = insert.columns[0]!.name
        let rows = insert.rows
        if (!insert.replace) {
          const ids = [...new Set(rows.map((row) => String(row[key])))]
          const held = new Set<string>()
          for (let start = 0; start < ids.length; start += 1000) {
            const chunk = ids.slice(start, start + 1000).map(literal).join(', ')
            for (const row of await select(`SELECT ${key} FROM ${insert.table} WHERE ${key} IN (${chunk})`)) held.add(String(row[key]))
          }
          const taken = new Set<string>()
          rows = rows.filter((row) => {
            const id = String(row[key])
            if (held.has(id) || taken.has(id)) return false
            taken.add(id)
            return true
          })
          if (insert.returning) for (const id of taken) added.add(id)
        }
        if (rows.length > 0) await db.insert({ table: insert.table, values: rows.map((row) => clickhouseRow(insert.columns, row)), format: 'JSONEachRow' })
      }
      return added
    },
    query: select,
    async close() {
      const current = client
      client = undefined
      if (current) await (await current).close()
    },
  }
  return warehouseStore(driver, options)
}
