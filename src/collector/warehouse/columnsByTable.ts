import type { Row } from './rows.js'

/** Rows of (table, column, type), as a database's catalog lists them, grouped: table → column → type. */
export function columnsByTable(rows: readonly Row[], keys: { table: string; column: string; type: string }): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>()
  for (const row of rows) {
    const table = String(row[keys.table])
    let columns = found.get(table)
    if (!columns) found.set(table, (columns = new Map()))
    columns.set(String(row[keys.column]), String(row[keys.type]))
  }
  return found
}
