import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { bundledForNode } from '../bundledForNode'

const root = resolve(import.meta.dirname, '../..')

/** test/node/fixtures/server.ts as one ES module (trackplan's src inside, Express outside), built once. */
export const serverScript = (): Promise<string> => bundledForNode('server.mjs', { entryPoints: [join(root, 'test/node/fixtures/server.ts')], external: ['express'] })

export interface ServerProcess {
  child: ChildProcess
  /** Every JSON line the process printed so far. */
  lines: Record<string, unknown>[]
  /** The first line that has `key`, waiting for it. */
  line<T>(key: string, timeoutMs?: number): Promise<T>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr(): string
}

/** A real Node process running the fixture in `mode`, with its own environment. */
export async function startServer(mode: string, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await serverScript()], { cwd: root, env: { ...process.env, NODE_ENV: 'production', MODE: mode, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Record<string, unknown>[] = []
  const waiting = new Set<() => void>()
  let buffered = ''
  let errors = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const complete = buffered.split('\n')
    buffered = complete.pop()!
    for (const text of complete) if (text) lines.push(JSON.parse(text) as Record<string, unknown>)
    for (const wake of waiting) wake()
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })))
  return {
    child,
    lines,
    exited,
    stderr: () => errors,
    line<T>(key: string, timeoutMs = 20_000) {
      return new Promise<T>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no "${key}" line from ${mode} in ${timeoutMs} ms; stderr: ${errors}`)), timeoutMs)
        const check = (): void => {
          const found = lines.find((line) => key in line)
          if (!found) return
          clearTimeout(timer)
          waiting.delete(check)
          done(found[key] as T)
        }
        waiting.add(check)
        void exited.then(check)
        check()
      })
    },
  }
}
