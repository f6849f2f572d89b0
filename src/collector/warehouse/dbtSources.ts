import type { TrackingPlan } from '../../core.js'
import { allTables } from './migrate.js'
import { warehouseTables } from './tables.js'

/** A YAML scalar that is always read back as the same string: JSON's quoting is YAML's double-quoted style. */
const text = (value: string): string => JSON.stringify(value)

/**
 * A dbt sources file for a plan's tables, whose table and column descriptions come from the plan:
 * what dbt documents and Lightdash shows beside each field.
 *
 * @example
 * writeFileSync('models/trackplan_sources.yml', dbtSources(plan, { schema: 'analytics' }))
 */
export function dbtSources(plan: TrackingPlan, options: { name?: string; schema?: string } = {}): string {
  const lines = ['version: 2', '', 'sources:', `  - name: ${text(options.name ?? 'trackplan')}`]
  if (options.schema !== undefined) lines.push(`    schema: ${text(options.schema)}`)
  lines.push('    tables:')
  for (const table of allTables(warehouseTables(plan))) {
    lines.push(`      - name: ${text(table.name)}`, `        description: ${text(table.description)}`)
    if (table.event !== undefined) lines.push('        meta:', `          trackplan_event: ${text(table.event)}`)
    lines.push('        columns:')
    for (const column of table.columns) {
      lines.push(`          - name: ${text(column.name)}`, `            description: ${text(column.description)}`)
      if (column.name === 'id') lines.push('            tests: [unique, not_null]')
    }
  }
  return `${lines.join('\n')}\n`
}
