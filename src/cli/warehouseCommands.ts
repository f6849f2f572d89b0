import { writeFile } from 'node:fs/promises'
import { dbtSources, formatPlanReport, openStore, planReport, schemaSql, type Dialect } from '../collector.js'
import { defaultStoreUrl } from './collectCommand.js'
import { textFlag, type Flags } from './flags.js'
import { loadPlan } from './loadPlan.js'

const dialectNames: readonly Dialect[] = ['duckdb', 'postgres', 'clickhouse']
const isDialect = (value: string): value is Dialect => (dialectNames as readonly string[]).includes(value)

/** `trackplan schema <plan> --dialect …`: the DDL the collector runs; `--dbt <file>` writes a dbt sources file too. */
export async function schemaCommand(planPath: string, flags: Flags, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const dialect = textFlag(flags, 'dialect') ?? 'duckdb'
  if (!isDialect(dialect)) {
    io.err(`--dialect must be one of ${dialectNames.join(', ')}, got ${dialect}`)
    return 2
  }
  const plan = await loadPlan(planPath, textFlag(flags, 'export'))
  const dbt = textFlag(flags, 'dbt')
  if (dbt !== undefined) {
    const schema = textFlag(flags, 'schema')
    await writeFile(dbt, dbtSources(plan, schema === undefined ? {} : { schema }))
  }
  io.out(schemaSql(plan, dialect))
  return 0
}

/** `trackplan report --store <url>`: per event and day, received and quarantined and why; planned but unseen, seen but unplanned. */
export async function reportCommand(flags: Flags, io: { out(text: string): void }): Promise<number> {
  const store = openStore(textFlag(flags, 'store') ?? defaultStoreUrl)
  try {
    io.out(formatPlanReport(await planReport(store)))
    return 0
  } finally {
    await store.close()
  }
}
