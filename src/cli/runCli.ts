import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildCatalog, catalogMarkdown, planCoverage } from '../catalog.js'
import { collectCommand } from './collectCommand.js'
import { loadPlan } from './loadPlan.js'
import { reportCommand, schemaCommand } from './warehouseCommands.js'

export const usage = `Usage:
  trackplan --help | --version
  trackplan catalog <plan module> [--format md|json] [--export <name>] [--out <file>]
  trackplan coverage <plan module> --from <dir> [--export <name>] [--strict]
  trackplan collect <plan module> [--port <n>] [--host 127.0.0.1] [--store <url>] [--out <events.jsonl>] [--quarantine <invalid.jsonl>]
                    [--key <access key>] [--origin <allowed browser origin>] [--redis <redis url>] [--body-timeout <ms>]
                    [--rate-limit <requests a second per address, 0 for none>]
  trackplan schema <plan module> [--dialect duckdb|postgres|clickhouse] [--dbt <sources.yml>] [--schema <name>]
  trackplan report [--store <url>]

catalog   writes the directory of the plan's events, pages and sections, with their properties.
coverage  lists plan events no test tracked and tracked names the plan does not declare, from what
          tests recorded with TRACKPLAN_COVERAGE_DIR=<dir> (trackplan/testing/setup records it).
collect   receives batches at POST /collect (counters at GET /health): checks each event against the
          plan, quarantines what breaks it with its reasons, and stores the rest once per id before
          answering: in tables made from the plan, --store duckdb:PATH, postgres://… or
          clickhouse://… (default duckdb:.trackplan/events.duckdb when @duckdb/node-api is installed),
          or in JSONL files with --out (default .trackplan/events.jsonl and .trackplan/invalid.jsonl,
          where --redis shares duplicate detection between instances). Port 8787 by default.
schema    prints the tables the collector makes for a plan, as DDL; --dbt writes a dbt sources file
          whose descriptions come from the plan.
report    per event and day: received, quarantined and why; planned events never seen, and events
          seen that are not planned. Read from the store (default duckdb:.trackplan/events.duckdb).`

export interface CliOutput {
  out(text: string): void
  err(text: string): void
  /** The package's version, for `--version`. */
  version?: string
}

const asksForHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h')

function readFlags(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) positional.push(arg)
    else if (arg === '--strict') flags.set('strict', true)
    else flags.set(arg.slice(2), args[++i] ?? '')
  }
  return { positional, flags }
}

async function readTracked(dir: string): Promise<{ type: 'track' | 'page'; name: string }[]> {
  const tracked: { type: 'track' | 'page'; name: string }[] = []
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.jsonl'))) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      if (line.trim()) tracked.push(JSON.parse(line) as { type: 'track' | 'page'; name: string })
    }
  }
  return tracked
}

/** Runs the `trackplan` command; returns its exit code. */
export async function runCli(args: string[], io: CliOutput): Promise<number> {
  const [command, ...rest] = args
  if (command === '--version' || command === '-v') {
    io.out(`${io.version ?? 'unknown'}\n`)
    return 0
  }
  // Asked for, the usage goes to stdout and is a success; shown for a mistake, it goes to stderr.
  if (command === undefined || asksForHelp(args)) {
    io.out(`${usage}\n`)
    return 0
  }
  const { positional, flags } = readFlags(rest)
  if (command === 'report') {
    try {
      return await reportCommand(flags, io)
    } catch (error) {
      io.err(`trackplan report: ${error instanceof Error ? error.message : String(error)}`)
      return 1
    }
  }
  const planPath = positional[0]
  const known = command === 'catalog' || command === 'coverage' || command === 'collect' || command === 'schema'
  if (!known || !planPath) {
    io.err(known ? `trackplan ${command} needs a plan module.\n\n${usage}` : `Unknown command "${command}".\n\n${usage}`)
    return 2
  }
  const exportFlag = flags.get('export')
  try {
    if (command === 'collect') return await collectCommand(planPath, flags, io)
    if (command === 'schema') return await schemaCommand(planPath, flags, io)
    const plan = await loadPlan(planPath, typeof exportFlag === 'string' ? exportFlag : undefined)
    if (command === 'catalog') {
      const format = flags.get('format') ?? 'md'
      if (format !== 'md' && format !== 'json') {
        io.err(`--format must be md or json, got ${String(format)}`)
        return 2
      }
      const catalog = buildCatalog(plan)
      const text = format === 'json' ? `${JSON.stringify(catalog, null, 2)}\n` : catalogMarkdown(catalog)
      const out = flags.get('out')
      if (typeof out === 'string' && out !== '') await writeFile(out, text)
      else io.out(text)
      return 0
    }
    const from = flags.get('from')
    if (typeof from !== 'string' || from === '') {
      io.err('coverage needs --from <dir>: where tests recorded what they tracked (TRACKPLAN_COVERAGE_DIR)')
      return 2
    }
    const coverage = planCoverage(plan, await readTracked(from))
    const list = (items: string[]): string => (items.length === 0 ? '  (none)' : items.map((item) => `  - ${item}`).join('\n'))
    const declared = Object.keys(plan.events).length
    const report = [
      `Plan events tracked by tests: ${declared - coverage.untracked.length} of ${declared}`,
      `Never tracked:\n${list(coverage.untracked)}`,
      `Tracked but not in the plan:\n${list(coverage.undeclared)}`,
    ]
    if (plan.pages) report.push(`Pages never tracked:\n${list(coverage.untrackedPages)}`, `Pages not in the plan:\n${list(coverage.undeclaredPages)}`)
    io.out(`${report.join('\n')}\n`)
    return flags.get('strict') && (coverage.untracked.length > 0 || coverage.undeclared.length > 0) ? 1 : 0
  } catch (error) {
    io.err(`trackplan ${command}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}
