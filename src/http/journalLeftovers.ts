import type { Logger, TrackedEvent } from '../core.js'
import type { QueuedEvent } from './eventQueue.js'
import type { JournalEntry, QueueJournal } from './queueJournal.js'
import { utf8Length } from './utf8Length.js'

/**
 * What earlier runs left in a journal, as queue entries in their order: each keeps its batch's key
 * (a retry after a restart is the same request) and the time its event was tracked (for the age
 * limit). A journal that cannot be opened is logged and left as it is, for a later start.
 */
export function journalLeftovers(journal: QueueJournal, log: Logger, name: string, nextSeq: () => number): QueuedEvent[] {
  let entries: readonly JournalEntry[] = []
  try {
    entries = journal.open()
  } catch (error) {
    log.error(`httpSink "${name}": the journal could not be opened (${String(error)}); what an earlier run left stays in it`)
  }
  const now = Date.now()
  return entries.map(({ id, json, batchKey }) => {
    let timestamp: unknown
    try {
      timestamp = (JSON.parse(json) as Partial<TrackedEvent>).timestamp
    } catch {
      // kept as stored: the collector is the judge of what it receives
    }
    const entry: QueuedEvent = { id, json, bytes: utf8Length(json), trackedAt: Date.parse(String(timestamp)) || now, seq: nextSeq() }
    if (batchKey !== undefined) entry.batchKey = batchKey
    return entry
  })
}
