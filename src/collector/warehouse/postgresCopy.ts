import { dialects } from './dialects.js'
import { jsonText } from './jsonText.js'
import type { Row } from './rows.js'
import type { Column } from './tables.js'
import type { Insert } from './warehouseStore.js'

/** The part of `pg`'s connection a submitted query drives: its messages to the server. */
interface CopyConnection {
  query(text: string): void
  sendCopyFromChunk(chunk: Buffer): void
  endCopyFrom(): void
}

/** A query object `pg`'s `client.query` runs itself: it is handed the server's messages in turn. */
export interface Submittable {
  submit(connection: CopyConnection): void
  handleCopyInResponse(connection: CopyConnection): void
  handleError(error: Error): void
  handleReadyForQuery(): void
  handleCommandComplete(): void
  handleRowDescription(): void
  handleDataRow(): void
  handleEmptyQuery(): void
  handleCopyData(): void
}

const quote = dialects.postgres.quote
const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '\ufffd' }
const special = /[\\\n\r\t\u0000]/
/** Text as a field of COPY's text format: backslash, newline, return and tab escaped; NUL (which no text column holds) as U+FFFD. */
const field = (text: string): string => (special.test(text) ? text.replace(/[\\\n\r\t\u0000]/g, (found) => escapes[found]!) : text)

/** One value in COPY's text format, as `jsonb_populate_recordset` would read it from JSON: `\N` for null. */
function cellText(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (column.type === 'boolean') return typeof value === 'boolean' ? (value ? 't' : 'f') : '\\N'
  if (column.type === 'double') return typeof value === 'number' && Number.isFinite(value) ? String(value) : '\\N'
  return field(column.type === 'json' || typeof value !== 'string' ? jsonText(value) : value)
}

/** The rows in COPY's text format, their fields in the order of `columns`. */
export function copyText(columns: readonly Column[], rows: readonly Row[]): string {
  let text = ''
  for (const row of rows) {
    for (let index = 0; index < columns.length; index++) text += (index === 0 ? '' : '\t') + cellText(columns[index]!, row[columns[index]!.name])
    text += '\n'
  }
  return text
}

/**
 * The inserts as one message of COPY … FROM STDIN statements, which the server runs as one
 * implicit transaction: one round trip, the server's own bulk path, and nothing kept unless all of
 * it commits. A key that exists fails it with PostgreSQL's `23505`. The inserts must not `replace`.
 */
export function copyInserts(inserts: readonly Insert[]): { query: Submittable; done: Promise<void> } {
  const statements = inserts.map((insert) => `COPY ${quote(insert.table)} (${insert.columns.map(({ name }) => quote(name)).join(', ')}) FROM STDIN`)
  const chunks = inserts.map((insert) => Buffer.from(copyText(insert.columns, insert.rows)))
  let next = 0
  let settle: { resolve(): void; reject(error: Error): void } | undefined
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  const ignore = (): void => {}
  return {
    done,
    query: {
      submit: (connection) => connection.query(statements.join(';\n')),
      handleCopyInResponse(connection) {
        connection.sendCopyFromChunk(chunks[next++]!)
        connection.endCopyFrom()
      },
      // pg hands an error to the query and no ReadyForQuery after it: the error is the end.
      handleError: (error) => settle!.reject(error),
      handleReadyForQuery: () => settle!.resolve(),
      handleCommandComplete: ignore,
      handleRowDescription: ignore,
      handleDataRow: ignore,
      handleEmptyQuery: ignore,
      handleCopyData: ignore,
    },
  }
}
