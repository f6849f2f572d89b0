import { closeSync, linkSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, extname } from 'node:path'

/** Where accepted (or quarantined) events are kept: written before the collector answers 2xx. */
export interface EventFile {
  /** Appends the lines; throws if they could not be written (the collector then answers 503). */
  append(records: readonly unknown[]): void
  /** Closes the file. */
  close(): void
}

/** When `jsonlFile` starts a new file. */
export interface JsonlFileOptions {
  /** Start a new file once this one reaches this many bytes: the full one is renamed `<name>.<time>[-n].jsonl`. Default 100 MB. */
  rotateBytes?: number
}

/**
 * An append-only JSONL file (Open edX's tracking log), one event per line, rotated by size. Each
 * append is written with one synchronous write before the collector answers: a process killed right
 * after (kill -9) has handed it to the operating system already.
 */
export function jsonlFile(path: string, options: JsonlFileOptions = {}): EventFile {
  const rotateBytes = options.rotateBytes ?? 100_000_000
  let fd: number | undefined
  let size = 0
  const open = (): number => {
    if (fd !== undefined) return fd
    mkdirSync(dirname(path), { recursive: true })
    fd = openSync(path, 'a')
    size = statSync(path).size
    return fd
  }
  return {
    append(records) {
      if (records.length === 0) return
      const text = records.map((record) => `${JSON.stringify(record)}\n`).join('')
      const bytes = Buffer.byteLength(text)
      if (size > 0 && size + bytes > rotateBytes) {
        closeSync(open())
        fd = undefined
        setAside(path)
      }
      writeSync(open(), text)
      size += bytes
    },
    close() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
  }
}

/**
 * Renames the full file `<name>.<time>.jsonl`, or `<name>.<time>-<n>.jsonl` when that exists: two
 * rotations in one millisecond must not overwrite each other. A hard link fails where a rename
 * would replace, so the new name is taken atomically, even by another process.
 */
function setAside(path: string): void {
  const extension = extname(path)
  const stem = `${path.slice(0, path.length - extension.length)}.${new Date().toISOString().replace(/[:.]/g, '-')}`
  for (let n = 0; ; n++) {
    try {
      linkSync(path, `${stem}${n === 0 ? '' : `-${n}`}${extension || '.jsonl'}`)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  unlinkSync(path)
}
