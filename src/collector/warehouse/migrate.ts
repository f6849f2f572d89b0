import { dialects, sameType } from './dialects.js'
import type { Column, Table, WarehouseTables } from './tables.js'
import type { WarehouseDriver } from './warehouseStore.js'

export const allTables = (tables: WarehouseTables): Table[] => [tables.events, tables.quarantine, tables.planned, ...tables.byEvent.values()]

/**
 * Creates the tables that are missing and adds the columns a table lacks: additive only, so that a
 * plan can grow under a running warehouse. A column whose type in the database is not the plan's
 * is said once and left out of the writes: its values stay in `events.properties`, never dropped.
 * Then the plan's events are written to `planned_events`. Resolves to the columns each table is
 * written with.
 */
export async function migrate(driver: WarehouseDriver, tables: WarehouseTables, log: (message: string) => void): Promise<Map<string, readonly Column[]>> {
  const rules = dialects[driver.dialect]
  const list = allTables(tables)
  const existing = await driver.columns(list.map(({ name }) => name))
  const statements: string[] = []
  const writable = new Map<string, readonly Column[]>()
  for (const table of list) {
    const columns = existing.get(table.name)
    if (!columns) {
      statements.push(rules.createTable(table))
      writable.set(table.name, table.columns)
      continue
    }
    const kept: Column[] = []
    for (const column of table.columns) {
      const type = columns.get(column.name)
      if (type === undefined) {
        statements.push(rules.addColumn(table, column))
        kept.push(column)
      } else if (sameType(driver.dialect, column, type)) {
        kept.push(column)
      } else {
        log(`${table.name}.${column.name} is ${type} in the database where the plan asks for ${rules.columnType(column)}: it is left as it is, and its values are kept in events.properties`)
      }
    }
    writable.set(table.name, kept)
  }
  if (statements.length > 0) await driver.migrate(statements)
  const plannedAt = new Date().toISOString()
  const planned = [...tables.byEvent.values()].map((table) => ({ name: table.event, table_name: table.name, description: table.description, planned_at: plannedAt }))
  if (planned.length > 0) await driver.write([{ table: tables.planned.name, columns: writable.get(tables.planned.name)!, rows: planned, replace: true }])
  return writable
}
