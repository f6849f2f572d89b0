import { jsonText } from './jsonText.js'
import type { Row } from './rows.js'
import type { Column } from './tables.js'
import type { Insert } from './warehouseStore.js'

/** The part of `@duckdb/node-api`'s appender used here. */
export interface DuckAppender {
  appendVarchar(value: string): void
  appendDouble(value: number): void
  appendBoolean(value: boolean): void
  appendNull(): void
  endRow(): void
  closeSync(): void
}

export interface DuckTable {
  /** Its columns in the table's own order, which an appender must follow. */
  layout: readonly string[]
  held(ids: readonly string[]): Promise<Set<string>>
  appender(): Promise<DuckAppender>
}

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`
export const idList = (ids: readonly string[]): string => ids.map(literal).join(', ')

const append = (appender: DuckAppender, column: Column | undefined, value: unknown): void => {
  if (column === undefined || value === null || value === undefined) return appender.appendNull()
  if (column.type === 'json') return appender.appendVarchar(jsonText(value))
  if (column.type === 'double') return typeof value === 'number' ? appender.appendDouble(value) : appender.appendNull()
  if (column.type === 'boolean') return typeof value === 'boolean' ? appender.appendBoolean(value) : appender.appendNull()
  return typeof value === 'string' ? appender.appendVarchar(value) : appender.appendNull()
}

/**
 * The rows whose key the table does not hold yet, through DuckDB's appender (its bulk path, several
 * times faster than an INSERT … SELECT of the same rows), inside the caller's transaction: the one
 * connection of the file runs writes one at a time, so nothing can add an id between the check and
 * the append. Resolves to the keys added.
 */
export async function appendNew(table: DuckTable, insert: Insert): Promise<Set<string>> {
  const key = insert.columns[0]!.name
  const held = await table.held([...new Set(insert.rows.map((row: Row) => String(row[key])))])
  const byName = new Map(insert.columns.map((column) => [column.name, column]))
  const columns = table.layout.map((name) => byName.get(name))
  const added = new Set<string>()
  const appender = await table.appender()
  for (const row of insert.rows) {
    const id = String(row[key])
    if (held.has(id) || added.has(id)) continue
    added.add(id)
    for (let index = 0; index < columns.length; index++) append(appender, columns[index], row[table.layout[index]!])
    appender.endRow()
  }
  appender.closeSync()
  return added
}
