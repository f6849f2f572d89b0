import { dialects, onConflict } from './dialects.js'
import { jsonText } from './jsonText.js'
import { columnsByTable } from './columnsByTable.js'
import { copyInserts, type Submittable } from './postgresCopy.js'
import type { Row } from './rows.js'
import { warehouseStore, type Insert, type WarehouseDriver, type WarehouseStore, type WarehouseStoreOptions } from './warehouseStore.js'

/** The part of `pg` this store uses: an optional peer, loaded only when a PostgreSQL store is made. */
interface PgClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
  query(submittable: Submittable): unknown
  release(error?: Error | boolean): void
}
interface PgPool {
  connect(): Promise<PgClient>
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
  on(event: 'error', listener: (error: Error) => void): void
  on(event: 'connect', listener: (client: { on(event: 'error', listener: (error: Error) => void): void }) => void): void
  end(): Promise<void>
}

/** What `postgresStore` takes besides the URL: the store options and the size of the pool. */
export interface PostgresStoreOptions extends WarehouseStoreOptions {
  /** At most this many connections. Default 4. */
  maxConnections?: number
}

const quote = dialects.postgres.quote
/** One key for every trackplan collector on a database: their DDL runs one at a time. */
const migrationLock = 0x7472_6b70

/** PostgreSQL's error code for a key that exists already. */
const uniqueViolation = '23505'
const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

/** One table's insert, its rows read from parameter `$n` as JSON into the table's own row type by the server. */
function insertStatement(insert: Insert, parameter: number): string {
  const names = insert.columns.map(({ name }) => quote(name)).join(', ')
  return `INSERT INTO ${quote(insert.table)} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${quote(insert.table)}, $${parameter}::jsonb) ${onConflict(insert)}`
}

/**
 * Every insert of a write in one statement, each a data-modifying WITH query: one round trip, and
 * atomic as any single statement is. Its rows are the ids the `returning` insert added.
 */
function writeStatement(inserts: readonly Insert[]): string {
  const parts = inserts.map((insert, index) => `w${index} AS (${insertStatement(insert, index + 1)})`)
  const returning = inserts.findIndex((insert) => insert.returning)
  return `WITH ${parts.join(',\n')}\nSELECT ${returning === -1 ? 'NULL::text AS id WHERE false' : `${quote(inserts[returning]!.columns[0]!.name)} AS id FROM w${returning}`}`
}

/**
 * PostgreSQL as the store, through `pg` (an optional peer: `npm install pg`). Each group of requests
 * is one transaction; the answer waits for its commit. A server that goes away makes writes fail
 * (503, retried by the client) until it is back; the pool reconnects by itself.
 *
 * @example
 * createCollector({ plan, store: postgresStore('postgres://trackplan@127.0.0.1/analytics', { plan }) })
 */
export function postgresStore(url: string, options: PostgresStoreOptions = {}): WarehouseStore {
  let pool: Promise<PgPool> | undefined
  const log = options.log ?? ((message: string) => console.error(`[trackplan] postgres store: ${message}`))
  let lastPoolError = ''
  const connect = (): Promise<PgPool> =>
    (pool ??= import(/* webpackIgnore: true */ 'pg').then(({ default: pg }) => {
      const created = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, options: '-c TimeZone=UTC' }) as unknown as PgPool
      // A connection the server closed (a restart), idle or in a transaction, must not end the
      // process: the transaction fails (503, retried) and the next one reconnects.
      const lost = (error: Error): void => {
        if (error.message !== lastPoolError) log(`a connection was lost: ${error.message}`)
        lastPoolError = error.message
      }
      created.on('error', lost)
      created.on('connect', (client) => client.on('error', lost))
      return created
    }))

  const inTransaction = async <T>(work: (client: PgClient) => Promise<T>): Promise<T> => {
    const client = await (await connect()).connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      client.release()
      lastPoolError = ''
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      // A connection that failed mid-transaction is not given back to the pool.
      client.release(error instanceof Error ? error : true)
      throw error
    }
  }

  const driver: WarehouseDriver = {
    dialect: 'postgres',
    async columns(tables) {
      const { rows } = await (await connect()).query(
        'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)',
        [tables],
      )
      return columnsByTable(rows, { table: 'table_name', column: 'column_name', type: 'data_type' })
    },
    migrate: (statements) =>
      inTransaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock])
        for (const statement of statements) await client.query(statement)
      }),
    async write(inserts) {
      const database = await connect()
      // Most writes hold only new ids: they go through COPY, the server's bulk path, at less than
      // half the server's work of reading the rows from JSON with ON CONFLICT's check. An id that
      // exists (a retry, another collector) fails the COPY as a whole, and the write runs again as
      // the INSERT … ON CONFLICT DO NOTHING statement, which skips it.
      if (!inserts.some((insert) => insert.replace)) {
        const client = await database.connect()
        try {
          const { query, done } = copyInserts(inserts)
          client.query(query)
          await done
          client.release()
          lastPoolError = ''
          const returning = inserts.find((insert) => insert.returning)
          return new Set(returning?.rows.map((row) => String(row[returning.columns[0]!.name])))
        } catch (error) {
          // After a refused key the connection is sound; after anything else it is not given back.
          client.release(codeOf(error) === uniqueViolation ? undefined : error instanceof Error ? error : true)
          if (codeOf(error) !== uniqueViolation) throw error
        }
      }
      const { rows } = await database.query(writeStatement(inserts), inserts.map((insert) => jsonText(insert.rows)))
      lastPoolError = ''
      return new Set(rows.map((row) => String(row.id)))
    },
    async query(sql) {
      return (await (await connect()).query(sql)).rows
    },
    async close() {
      const opened = pool
      pool = undefined
      if (opened) await (await opened).end()
    },
  }
  return warehouseStore(driver, options)
}
