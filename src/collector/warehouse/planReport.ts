import type { Dialect } from './dialects.js'
import type { WarehouseStore } from './warehouseStore.js'

/** One event on one day (UTC) in the report. */
export interface PlanReportDay {
  day: string
  name: string
  received: number
  quarantined: number
  /** Why events were quarantined, with how many each time. */
  reasons: Record<string, number>
}

/** The plan held against what arrived, from the store itself. */
export interface PlanReport {
  /** Per event name and day (UTC), tracked events only: pages and identifies are not in `planned_events`. */
  days: PlanReportDay[]
  /** In the plan, and never received nor quarantined. */
  plannedNotSeen: string[]
  /** Received or quarantined under a name the plan does not have. */
  seenNotPlanned: string[]
}

const sql: Record<Dialect, { day: string; text: (column: string) => string; final: string }> = {
  postgres: { day: "to_char(received_at, 'YYYY-MM-DD')", text: (column) => `${column}::text`, final: '' },
  duckdb: { day: "strftime(received_at, '%Y-%m-%d')", text: (column) => `CAST(${column} AS VARCHAR)`, final: '' },
  clickhouse: { day: 'toString(toDate(received_at))', text: (column) => column, final: ' FINAL' },
}

const notPlanned = /^event "(.*)" is not in the tracking plan$/

/**
 * Per event and day: how many were received, how many quarantined and why; which planned events
 * never arrived and which arrived unplanned. It reads the store's own tables, so it covers every
 * collector that writes to them.
 *
 * @example
 * console.log(formatPlanReport(await planReport(openStore('duckdb:.trackplan/events.duckdb'))))
 */
export async function planReport(store: WarehouseStore): Promise<PlanReport> {
  const { day, text, final } = sql[store.dialect]
  const [received, quarantined, planned] = await Promise.all([
    store.query(`SELECT name, ${day} AS day, count(*) AS n FROM events${final} WHERE type = 'track' GROUP BY name, day`),
    store.query(`SELECT name, ${day} AS day, ${text('reasons')} AS reasons, count(*) AS n FROM quarantine${final} GROUP BY name, day, reasons`),
    store.query(`SELECT name FROM planned_events${final}`),
  ])
  const byKey = new Map<string, PlanReportDay>()
  const entry = (name: string, date: string): PlanReportDay => {
    const key = `${date}\u0000${name}`
    let found = byKey.get(key)
    if (!found) byKey.set(key, (found = { day: date, name, received: 0, quarantined: 0, reasons: {} }))
    return found
  }
  const seen = new Set<string>()
  const unplanned = new Set<string>()
  for (const row of received) {
    entry(String(row.name), String(row.day)).received += Number(row.n)
    seen.add(String(row.name))
  }
  for (const row of quarantined) {
    const name = row.name === null ? '(no name)' : String(row.name)
    const count = Number(row.n)
    const found = entry(name, String(row.day))
    found.quarantined += count
    let reasons: unknown
    try {
      reasons = JSON.parse(String(row.reasons))
    } catch {
      reasons = [String(row.reasons)]
    }
    for (const reason of Array.isArray(reasons) ? reasons.map(String) : [String(reasons)]) {
      found.reasons[reason] = (found.reasons[reason] ?? 0) + count
      const match = notPlanned.exec(reason)
      if (match) unplanned.add(match[1]!)
    }
    seen.add(name)
  }
  const plannedNames = new Set(planned.map((row) => String(row.name)))
  for (const name of seen) if (!plannedNames.has(name) && received.some((row) => String(row.name) === name)) unplanned.add(name)
  const days = [...byKey.values()].sort((a, b) => (a.day === b.day ? (a.name < b.name ? -1 : 1) : a.day < b.day ? -1 : 1))
  return {
    days,
    plannedNotSeen: [...plannedNames].filter((name) => !seen.has(name)).sort(),
    seenNotPlanned: [...unplanned].filter((name) => !plannedNames.has(name)).sort(),
  }
}

/** The report as the `trackplan report` command prints it. */
export function formatPlanReport(report: PlanReport): string {
  const lines: string[] = []
  const width = Math.max(5, ...report.days.map(({ name }) => name.length))
  lines.push(`${'day'.padEnd(10)}  ${'event'.padEnd(width)}  ${'received'.padStart(8)}  ${'quarantined'.padStart(11)}  why`)
  for (const day of report.days) {
    const why = Object.entries(day.reasons)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count}× ${reason}`)
      .join('; ')
    lines.push(`${day.day.padEnd(10)}  ${day.name.padEnd(width)}  ${String(day.received).padStart(8)}  ${String(day.quarantined).padStart(11)}  ${why}`)
  }
  if (report.days.length === 0) lines.push('(nothing received yet)')
  lines.push('', `planned, never seen: ${report.plannedNotSeen.length === 0 ? 'none' : report.plannedNotSeen.join(', ')}`)
  lines.push(`seen, not planned: ${report.seenNotPlanned.length === 0 ? 'none' : report.seenNotPlanned.join(', ')}`)
  return `${lines.join('\n')}\n`
}
