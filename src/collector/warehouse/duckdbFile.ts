import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DuckAppender } from './duckdbAppend.js'
import type { Row } from './rows.js'

/** The part of `@duckdb/node-api` this store uses: an optional peer, loaded only when a DuckDB store is used. */
export interface DuckConnection {
  run(sql: string, values?: unknown[]): Promise<unknown>
  runAndReadAll(sql: string, values?: unknown[]): Promise<{ getRowObjectsJson(): Row[] }>
  createAppender(table: string, schema?: string, catalog?: string): Promise<DuckAppender>
  closeSync(): void
}
interface DuckInstance {
  connect(): Promise<DuckConnection>
  closeSync(): void
}

interface OpenFile {
  opened: Promise<{ instance: DuckInstance; connection: DuckConnection }>
  /** Work on the one connection runs one after another. */
  turn: Promise<unknown>
  idle?: ReturnType<typeof setTimeout>
}

/** The files this process has open: DuckDB lets one process own a file, so its stores share one connection. */
const files = new Map<string, OpenFile>()
const users = new Map<string, number>()
/** Files being closed: opened again only once closed. */
const closing = new Map<string, Promise<void>>()

function open(path: string): OpenFile {
  const opened = import(/* webpackIgnore: true */ '@duckdb/node-api').then(async ({ DuckDBInstance }) => {
    await closing.get(path)
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    const instance = (await DuckDBInstance.create(path)) as unknown as DuckInstance
    const connection = await instance.connect()
    await connection.run("SET TimeZone = 'UTC'")
    return { instance, connection }
  })
  const file: OpenFile = { opened, turn: Promise.resolve() }
  // A file that could not be opened (locked by another process, say) is tried again next time.
  opened.catch(() => {
    if (files.get(path) === file) files.delete(path)
  })
  return file
}

function shut(path: string, file: OpenFile): Promise<void> {
  if (files.get(path) === file) files.delete(path)
  clearTimeout(file.idle)
  const closed = (async () => {
    await file.turn
    const { instance, connection } = await file.opened
    connection.closeSync()
    instance.closeSync()
  })()
  const done = closed.catch(() => {}).finally(() => {
    if (closing.get(path) === done) closing.delete(path)
  })
  closing.set(path, done)
  return closed
}

export interface DuckFile {
  /** Runs `work` on the file's connection in its turn, opening the file if it is not open. */
  inTurn<T>(work: (connection: DuckConnection) => Promise<T>): Promise<T>
  /** This store is done with the file: closed once no store of this process uses it. */
  release(): Promise<void>
}

/**
 * A DuckDB file used by one store. The file is closed once it has been idle for `idleMs` (and opened
 * again for the next write), so that DuckDB's CLI, a notebook or `trackplan report` can open it
 * between bursts of events: while it is open here, no other process can.
 */
export function useDuckFile(path: string, idleMs: number): DuckFile {
  let counted = false
  return {
    inTurn(work) {
      if (!counted) users.set(path, (users.get(path) ?? 0) + 1)
      counted = true
      let file = files.get(path)
      if (!file) files.set(path, (file = open(path)))
      const current = file
      clearTimeout(current.idle)
      const result = current.turn.then(async () => work((await current.opened).connection))
      current.turn = result.catch(() => {})
      result.then(
        () => idleLater(path, current, idleMs),
        () => idleLater(path, current, idleMs),
      )
      return result
    },
    async release() {
      if (!counted) return
      counted = false
      const left = (users.get(path) ?? 1) - 1
      if (left > 0) return void users.set(path, left)
      users.delete(path)
      const file = files.get(path)
      if (file) await shut(path, file)
    },
  }
}

/** Closes the file after `idleMs` with no work, unless more work comes first. */
function idleLater(path: string, file: OpenFile, idleMs: number): void {
  if (files.get(path) !== file || !Number.isFinite(idleMs)) return
  clearTimeout(file.idle)
  const turn = file.turn
  file.idle = setTimeout(() => {
    if (file.turn === turn) void shut(path, file).catch(() => {})
  }, idleMs)
  file.idle.unref?.()
}
