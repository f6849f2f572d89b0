import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { bundledForNode } from '../bundledForNode'

const root = resolve(import.meta.dirname, '../..')

/** The `trackplan` command from src, as one script (its runCli, with stdout and stderr), built once. */
export const cliScript = (): Promise<string> =>
  bundledForNode('trackplan.mjs', {
    stdin: {
      contents: `import { runCli } from './src/cli/runCli.ts'
process.exitCode = await runCli(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text + '\\n'), version: 'test' })`,
      resolveDir: root,
      loader: 'ts',
    },
    packages: 'external',
  })

/**
 * A plan module as a team writes one, in plain JavaScript: `query.run` needs a number of rows (a
 * Standard Schema written by hand), `button.clicked` takes anything.
 */
export function writePlanModule(directory: string): string {
  const path = join(directory, 'plan.mjs')
  writeFileSync(
    path,
    `const rows = { '~standard': { version: 1, vendor: 'test', validate: (value) => typeof value?.rows === 'number' ? { value } : { issues: [{ message: 'expected a number', path: ['rows'] }] } } }
export const plan = { events: { 'query.run': { description: 'A query finished', properties: rows }, 'button.clicked': { description: 'A button was clicked' } } }
`,
  )
  return path
}

export interface CollectProcess {
  child: ChildProcess
  url: Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
}

/** `trackplan collect <plan> …args` in its own process; `url` once it listens. */
export async function startCollect(args: string[]): Promise<CollectProcess> {
  const child = spawn(process.execPath, [await cliScript(), 'collect', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  const { url, output } = listeningUrl(child)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })))
  return { child, url, exited, output }
}

/** The address a `trackplan collect` process says it listens on, and all it has printed so far. */
export function listeningUrl(child: ChildProcess): { url: Promise<string>; output(): string } {
  let output = ''
  const url = new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`trackplan collect did not listen: ${output}`)), 20_000)
    const look = (chunk: Buffer): void => {
      output += chunk.toString()
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (found) {
        clearTimeout(timer)
        done(found)
      }
    }
    child.stdout!.on('data', look)
    child.stderr!.on('data', look)
  })
  return { url, output: () => output }
}
