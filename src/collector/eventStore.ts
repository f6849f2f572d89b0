import type { EventFile } from './jsonlFile.js'
import type { CollectedEvent } from './stamp.js'
import type { QuarantinedEvent } from './warehouse/rows.js'

export type { QuarantinedEvent } from './warehouse/rows.js'

/**
 * Where the collector keeps what it accepts and what it quarantines: a JSONL file, DuckDB,
 * PostgreSQL, ClickHouse. `write` resolves only once the events are durable; the collector answers
 * 2xx after it, and 503 with Retry-After when it rejects.
 */
export interface EventStore {
  /** Named in messages: "postgres", "duckdb", "jsonl"… */
  readonly name: string
  /** True when the store itself keeps one row per event id (a database's unique key): the collector then needs no duplicate check of its own. */
  readonly dropsDuplicates: boolean
  /** Stores one request's events; resolves, once they are durable, to whether each accepted event was new to the store. */
  write(accepted: readonly CollectedEvent[], quarantined: readonly QuarantinedEvent[]): Promise<boolean[]>
  /** Writes what is pending and lets go of the file or the connection. */
  close(): Promise<void>
}

/**
 * JSONL files as a store: accepted events in one, quarantined ones in the other. Each write is one
 * synchronous append, so it is with the operating system before the collector answers.
 *
 * @example
 * createCollector({ plan, store: fileStore(jsonlFile('events.jsonl'), jsonlFile('invalid.jsonl')) })
 */
export function fileStore(events: EventFile, quarantine?: EventFile): EventStore {
  return {
    name: 'jsonl',
    dropsDuplicates: false,
    write(accepted, quarantined) {
      try {
        events.append(accepted)
        quarantine?.append(quarantined)
        return Promise.resolve(accepted.map(() => true))
      } catch (error) {
        return Promise.reject(error)
      }
    },
    close() {
      events.close()
      quarantine?.close()
      return Promise.resolve()
    },
  }
}

/** Whether a store option is an `EventFile` (the collector's older `store` shape) rather than an `EventStore`. */
export const isEventFile = (store: EventStore | EventFile): store is EventFile => typeof (store as EventFile).append === 'function'
