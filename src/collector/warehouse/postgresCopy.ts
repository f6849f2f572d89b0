import { dialects } from './dialects.js'
import { jsonText } from './jsonText.js'
import type { Row } from './rows.js'
import type { Column } from './tables.js'
import type { Insert } from './warehouseStore.js'

/** What `pg-copy-streams`' `from(sql)` gives: a writable stream that `client.query` runs as COPY … FROM STDIN. */
export type CopyFrom = (sql: string) => NodeJS.WritableStream & { on(event: 'finish' | 'error', listener: (error?: Error) => void): unknown }

/** A client that can run a COPY stream as well as a query. */
export interface CopyClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>
  query<Stream>(stream: Stream): Stream
}

const quote = dialects.postgres.quote
const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '\ufffd' }
/** A value in COPY's text format: `\N` for null, and no raw backslash, newline, tab or NUL (which no text column holds). */
const field = (text: string): string => (/[\\\n\r\t\u0000]/.test(text) ? text.replace(/[\\\n\r\t\u0000]/g, (found) => escapes[found]!) : text)

function cellText(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  switch (column.type) {
    case 'json':
      return field(jsonText(value))
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 't' : 'f') : '\\N'
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : '\\N'
    default:
      return typeof value === 'string' ? field(value) : '\\N'
  }
}

/** The rows as COPY's text format, in the order of `columns`. */
export function copyText(columns: readonly Column[], rows: readonly Row[]): string {
  let text = ''
  for (const row of rows) {
    for (let index = 0; index < columns.length; index++) text += (index === 0 ? '' : '\t') + cellText(columns[index]!, row[columns[index]!.name])
    text += '\n'
  }
  return text
}

/** A temporary table of `columns` for this connection, emptied at each commit. */
export const stageStatement = (stage: string, columns: readonly Column[]): string =>
  `CREATE TEMP TABLE IF NOT EXISTS ${quote(stage)} (${columns.map((column) => `${quote(column.name)} ${dialects.postgres.types[column.type]}`).join(', ')}) ON COMMIT DELETE ROWS`

/**
 * One insert through PostgreSQL's bulk path: its rows COPY'd into the connection's staging table,
 * then moved into the table with `ON CONFLICT (id) DO NOTHING`, inside the caller's transaction.
 * About half again as fast as reading the same rows from one JSON parameter (61,700 against 41,600
 * rows a second for 800-row transactions, measured in a script). Resolves to the ids added.
 */
export async function copyInsert(client: CopyClient, copyFrom: CopyFrom, insert: Insert, stage: string): Promise<Row[]> {
  const names = insert.columns.map(({ name }) => quote(name)).join(', ')
  const stream = client.query(copyFrom(`COPY ${quote(stage)} (${names}) FROM STDIN`))
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve())
    stream.on('error', (error) => reject(error))
    stream.end(copyText(insert.columns, insert.rows))
  })
  const key = quote(insert.columns[0]!.name)
  const { rows } = await client.query(`INSERT INTO ${quote(insert.table)} (${names}) SELECT ${names} FROM ${quote(stage)} ON CONFLICT (${key}) DO NOTHING${insert.returning ? ` RETURNING ${key} AS id` : ''}`)
  return rows
}
