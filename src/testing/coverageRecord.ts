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

/** The two functions of node:fs used here, so that no one needs Node's types to compile this. */
interface FileSystem {
  mkdirSync(path: string, options: { recursive: true }): unknown
  appendFileSync(path: string, data: string): void
}

interface NodeProcess {
  pid: number
  env: Record<string, string | undefined>
  getBuiltinModule?(id: 'node:fs'): FileSystem
}

/** Node's process where there is one (Vitest in Node, jsdom included); undefined in a browser. */
export const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process

/**
 * Appends what this process tracked to `dir`, for `npx trackplan coverage <plan> --from <dir>`.
 * Node's file system is reached through `process.getBuiltinModule` rather than an import, so that
 * browsers (Storybook, Vitest browser mode) load this module without a `node:` import to resolve.
 * Returns false where there is no file system to write to.
 */
export function writeCoverageRecord(dir: string): boolean {
  const fs = nodeProcess()?.getBuiltinModule?.('node:fs')
  if (!fs) return false
  const lines = trackedInTests().map((entry) => `${JSON.stringify(entry)}\n`)
  if (lines.length === 0) return true
  fs.mkdirSync(dir, { recursive: true })
  fs.appendFileSync(`${dir.replace(/[\\/]+$/, '')}/tracked-${nodeProcess()!.pid}.jsonl`, lines.join(''))
  return true
}
