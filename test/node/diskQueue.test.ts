// @vitest-environment node
// The disk journal on its own: replay after a cut, adoption of dead processes' journals only,
// compaction that keeps what is live, and the file never rewritten on an ordinary change.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { diskQueue } from '../../src/node.ts'

let directory: string
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'trackplan-journal-'))
})
afterEach(() => rmSync(directory, { recursive: true, force: true }))

const entry = (id: string) => ({ id, json: JSON.stringify({ id, type: 'track', name: 'a.b', timestamp: '2026-11-22T21:00:00.000Z' }) })
const own = (): string => join(directory, `${process.pid}.jsonl`)

it('appends each change, and a new journal in the same directory gets back what was left, with batch keys', () => {
  const journal = diskQueue({ directory })
  expect(journal.open()).toEqual([])
  journal.added([entry('e1'), entry('e2'), entry('e3')])
  journal.batched('key-1', ['e1', 'e2'])
  journal.removed(['e1'])
  const size = statSync(own()).size
  journal.added([entry('e4')])
  // Appended, not rewritten: the file only grew by one line.
  expect(statSync(own()).size - size).toBe(`{"e":${entry('e4').json}}\n`.length)
  // A process killed here leaves the file as it is; a line cut short by the kill is skipped.
  appendFileSync(own(), '{"e":{"id":"e5","ty')
  const next = diskQueue({ directory: join(directory) })
  // (The same process reopening its directory is refused while the first is open.)
  expect(() => next.open()).toThrow(/already open/)
  journal.close()
  const reopened = diskQueue({ directory })
  const left = reopened.open()
  expect(left.map((stored) => [stored.id, stored.batchKey])).toEqual([
    ['e2', 'key-1'],
    ['e3', undefined],
    ['e4', undefined],
  ])
  expect(left[0]!.json).toBe(entry('e2').json)
  reopened.close()
})

it('adopts the journals of processes that are gone, never those of a live one', () => {
  const dead = 2 ** 22 + 12345 // above Linux's default pid_max: no such process
  writeFileSync(join(directory, `${dead}.jsonl`), `{"e":${entry('from-dead').json}}\n`)
  writeFileSync(join(directory, `${process.ppid}.jsonl`), `{"e":${entry('from-live-parent').json}}\n`)
  const journal = diskQueue({ directory })
  expect(journal.open().map((stored) => stored.id)).toEqual(['from-dead'])
  expect(readdirSync(directory).sort()).toEqual([`${process.pid}.jsonl`, `${process.ppid}.jsonl`].sort())
  journal.close()
})

it('rewrites the journal once it is mostly obsolete, keeping what is live', () => {
  const journal = diskQueue({ directory, compactAfter: 50 })
  journal.open()
  journal.added(Array.from({ length: 100 }, (_, i) => entry(`e${i}`)))
  journal.removed(Array.from({ length: 60 }, (_, i) => `e${i}`))
  const lines = readFileSync(own(), 'utf8').trim().split('\n')
  expect(lines).toHaveLength(40)
  journal.removed(['e60'])
  journal.close()
  const reopened = diskQueue({ directory })
  expect(reopened.open().map((stored) => stored.id)).toEqual(Array.from({ length: 39 }, (_, i) => `e${i + 61}`))
  reopened.removed(Array.from({ length: 39 }, (_, i) => `e${i + 61}`))
  reopened.close()
  // Nothing left: no file left.
  expect(readdirSync(directory)).toEqual([])
})

it('a process that tracks nothing leaves nothing: no directory, no file (a build importing the module, say)', () => {
  const queue = join(directory, 'untouched', 'queue')
  const journal = diskQueue({ directory: queue })
  expect(journal.open()).toEqual([])
  expect(readdirSync(directory)).toEqual([])
  journal.added([entry('e1')])
  expect(readdirSync(queue)).toEqual([`${process.pid}.jsonl`])
  journal.removed(['e1'])
  journal.close()
})
