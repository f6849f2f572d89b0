import type { TrackingPlan } from '../../core.js'
import { dialects, type Dialect } from './dialects.js'
import { allTables } from './migrate.js'
import { warehouseTables } from './tables.js'

/**
 * The DDL of a plan's tables in one dialect, as the collector creates them: `events`, `quarantine`,
 * `planned_events`, then one table per planned event with a typed column per property.
 *
 * @example
 * console.log(schemaSql(plan, 'postgres')) // CREATE TABLE IF NOT EXISTS "events" (…
 */
export function schemaSql(plan: TrackingPlan, dialect: Dialect): string {
  return `${allTables(warehouseTables(plan))
    .map((table) => dialects[dialect].createTable(table))
    .join(';\n\n')};\n`
}
