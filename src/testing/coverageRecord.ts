import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

// On globalThis: every copy of this module in a test process records into one set.
const key = Symbol.for('trackplan.testing.coverage')
const holder = globalThis as { [key]?: Set<string> }
const recorded = (): Set<string> => (holder[key] ??= new Set())

/** Notes that a test tracked this event or page. */
export function recordTracked(type: string, name: string): void {
  recorded().add(`${type}\t${name}`)
}

/** What the tests of this process tracked, as `{ type, name }`. */
export function trackedInTests(): { type: string; name: string }[] {
  return [...recorded()].map((line) => {
    const [type = '', name = ''] = line.split('\t')
    return { type, name }
  })
}

/** Appends what this process tracked to `dir`, for `npx trackplan coverage <plan> --from <dir>`. */
export function writeCoverageRecord(dir: string): void {
  const lines = trackedInTests().map((entry) => `${JSON.stringify(entry)}\n`)
  if (lines.length === 0) return
  mkdirSync(dir, { recursive: true })
  appendFileSync(join(dir, `tracked-${process.pid}.jsonl`), lines.join(''))
}
