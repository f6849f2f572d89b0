/** An event as a durable queue keeps it: its JSON, and the idempotency key of the batch it left in, if any. */
export interface JournalEntry {
  id: string
  json: string
  batchKey?: string
}

/**
 * A durable home for `httpSink`'s queue on a server (`diskQueue` in `trackplan/node` is one): each
 * change is recorded as it happens, never the whole queue rewritten, so that a process killed at any
 * moment leaves what it had not delivered to the next start, with the same ids and idempotency keys.
 */
export interface QueueJournal {
  /** Called once, at start: what earlier runs left unacknowledged, oldest first. */
  open(): JournalEntry[]
  /** Events just queued, serialized. */
  added(entries: readonly JournalEntry[]): void
  /** A batch was formed: these events leave with this idempotency key, now and on every retry. */
  batched(key: string, ids: readonly string[]): void
  /** Acknowledged or dropped: never to be sent again. */
  removed(ids: readonly string[]): void
  /** Writes what is pending and closes the journal. */
  close(): void
}
