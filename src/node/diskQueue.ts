import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { JournalEntry, QueueJournal } from '../http.js'

/** Where `diskQueue` keeps its journal, and when it compacts it. */
export interface DiskQueueOptions {
  /** The directory of one sink's queue. Each process keeps its own file there. */
  directory: string
  /** Rewrite the journal once it holds this many records of events no longer queued. Default 10 000. */
  compactAfter?: number
}

/** Directories with an open journal in this process: two sinks sharing one would adopt each other's events. */
const open = new Set<string>()

/**
 * `httpSink`'s queue on local disk, for servers: an append-only journal, one line per change
 * (`{"e":event}` queued, `{"k":key,"i":[ids]}` batched, `{"r":[ids]}` acknowledged or dropped),
 * written before `track()` returns. A process killed at any moment (kill -9) loses nothing it
 * journaled; the next one to start in the same directory adopts the journals of processes that are
 * gone and sends their events with the same ids and idempotency keys. The file is rewritten only
 * when mostly obsolete, through a temporary file and a rename, so a kill during it loses nothing either.
 * It survives the process, not the machine's power: the operating system decides when to write to the disk.
 *
 * @example
 * httpSink({ url, journal: diskQueue({ directory: '/var/lib/app/trackplan' }) })
 */
export function diskQueue(options: DiskQueueOptions): QueueJournal {
  const directory = options.directory
  const compactAfter = typeof options.compactAfter === 'number' && options.compactAfter > 0 ? options.compactAfter : 10_000
  const own = join(directory, `${process.pid}.jsonl`)
  const live = new Map<string, JournalEntry>()
  let fd: number | undefined
  let obsolete = 0
  /** A write failed (a full disk): the file no longer matches the queue, and is rewritten whole at the next change. */
  let broken = false
  let said = false

  const fail = (error: unknown): void => {
    broken = true
    if (!said) console.error(`[trackplan] diskQueue ${directory}: ${String(error)}; events are kept in memory until it can write again`)
    said = true
  }

  const append = (text: string): void => {
    // The journal's file is made with the first event: a process that tracks nothing (a build
    // importing the module, say) leaves nothing behind.
    if (broken || fd === undefined) return rewrite()
    try {
      writeSync(fd!, text)
    } catch (error) {
      fail(error)
    }
  }

  /** The live entries in a new file that replaces the journal at once (rename is atomic). */
  const rewrite = (): void => {
    const temporary = `${own}.tmp`
    try {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      mkdirSync(directory, { recursive: true })
      const out = openSync(temporary, 'w')
      writeSync(out, serialize(live.values()))
      fsyncSync(out)
      closeSync(out)
      renameSync(temporary, own)
      fd = openSync(own, 'a')
      obsolete = 0
      broken = false
      said = false
    } catch (error) {
      fail(error)
    }
  }

  return {
    open() {
      if (open.has(directory)) throw new Error(`diskQueue: ${directory} is already open in this process; give each sink its own directory`)
      open.add(directory)
      const adopted = existsSync(directory) ? claimLeftovers(directory) : []
      for (const file of adopted) replay(readFileSync(file, 'utf8'), live)
      if (adopted.length > 0) rewrite()
      // Only once the adopted events are safe in our own journal do their old files go.
      for (const file of adopted) if (file !== own) unlinkSync(file)
      return [...live.values()]
    },
    added(entries) {
      let text = ''
      for (const entry of entries) {
        live.set(entry.id, entry)
        text += `{"e":${entry.json}}\n`
      }
      append(text)
    },
    batched(key, ids) {
      for (const id of ids) {
        const entry = live.get(id)
        if (entry) entry.batchKey = key
      }
      append(`${JSON.stringify({ k: key, i: ids })}\n`)
    },
    removed(ids) {
      // Only what the journal holds is written: an event dropped before it was queued (too large) never was.
      const held = ids.filter((id) => live.delete(id))
      if (held.length === 0) return
      obsolete += held.length
      if (obsolete >= compactAfter && obsolete > live.size) return rewrite()
      append(`${JSON.stringify({ r: held })}\n`)
    },
    close() {
      open.delete(directory)
      if (fd === undefined) return
      closeSync(fd)
      fd = undefined
      if (live.size === 0 && !broken) unlinkSync(own)
    },
  }
}

function serialize(entries: Iterable<JournalEntry>): string {
  let text = ''
  const keys = new Map<string, string[]>()
  for (const entry of entries) {
    text += `{"e":${entry.json}}\n`
    if (entry.batchKey !== undefined) keys.set(entry.batchKey, [...(keys.get(entry.batchKey) ?? []), entry.id])
  }
  for (const [key, ids] of keys) text += `${JSON.stringify({ k: key, i: ids })}\n`
  return text
}

/** Applies a journal's records to `live`; a line cut short by a kill, or not ours, is skipped. */
function replay(text: string, live: Map<string, JournalEntry>): void {
  for (const line of text.split('\n')) {
    if (line === '') continue
    let record: { e?: { id?: unknown }; k?: unknown; i?: unknown; r?: unknown }
    try {
      record = JSON.parse(line) as typeof record
    } catch {
      continue
    }
    if (typeof record.e?.id === 'string') {
      // The event exactly as it was journaled: the text between `{"e":` and the closing brace.
      live.set(record.e.id, { id: record.e.id, json: line.slice(5, -1) })
    } else if (typeof record.k === 'string' && Array.isArray(record.i)) {
      for (const id of record.i) {
        const entry = live.get(id as string)
        if (entry) entry.batchKey = record.k
      }
    } else if (Array.isArray(record.r)) {
      for (const id of record.r) live.delete(id as string)
    }
  }
}

/**
 * The journals this process may adopt: its own pid's (an earlier process that had the same pid,
 * common in containers) and those of processes that are gone. Each is claimed by renaming it, so
 * that two processes starting together never both adopt one.
 */
function claimLeftovers(directory: string): string[] {
  const claimed: string[] = []
  for (const name of readdirSync(directory)) {
    const pid = /^(\d+)\.(?:claim-\w+\.)?jsonl$/.exec(name)?.[1]
    if (pid === undefined || (Number(pid) !== process.pid && isAlive(Number(pid)))) continue
    const file = join(directory, name)
    if (Number(pid) === process.pid && !name.includes('claim-')) {
      claimed.push(file)
      continue
    }
    const claim = join(directory, `${process.pid}.claim-${Math.random().toString(36).slice(2)}.jsonl`)
    try {
      renameSync(file, claim)
      claimed.push(claim)
    } catch {
      // another process claimed it first
    }
  }
  return claimed
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
