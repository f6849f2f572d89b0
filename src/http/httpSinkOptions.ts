import type { KeyValueStorage } from '../core.js'
import type { BatchFormat } from './formats.js'
import type { EventShape } from './shapeEvents.js'
import type { PageLifecycle } from './pageLifecycle.js'
import type { QueueJournal } from './queueJournal.js'
import type { RetryOptions } from './retryDelay.js'

/** Where `httpSink` sends, in which format, and how it batches, retries, stores and waits. */
export interface HttpSinkOptions {
  /** The collector's endpoint. Relative URLs work in the browser. */
  url: string
  /** Names the sink in notices and logs, and its stored queue. Default "http". */
  name?: string
  headers?: Record<string, string>
  /** Sent as the `x-analytics-key` header. */
  accessKey?: string
  /** Send to the collector's test path instead (`<url>/test`, or `testPath`). */
  testMode?: boolean
  testPath?: string
  /** The request body. Default: `{ batch, sentAt }` (see `batchFormat`). */
  format?: BatchFormat
  /** Each event reshaped before the format sees it (see `shapeEvents`): names, properties, context. */
  shape?: EventShape
  /** A batch leaves when it reaches `maxEvents` or `maxBytes`, or `intervalMs` after its first event. */
  batch?: { maxEvents?: number; maxBytes?: number; intervalMs?: number }
  /** Requests in flight at once; twice as many while a flush waits. Default 1 (a page keeps its order). */
  concurrency?: number
  /**
   * A durable queue that records each change as it happens (see `diskQueue` in `trackplan/node`),
   * instead of `storage`. Events are journaled before `track()` returns.
   */
  journal?: QueueJournal
  retry?: RetryOptions
  /** A larger event (serialized) is dropped with a message naming it. Default 32 768. */
  maxEventBytes?: number
  /** Waiting events are bounded; beyond these the oldest are dropped and reported. */
  maxQueuedEvents?: number
  maxQueuedBytes?: number
  /** A request with no answer after this long is abandoned and retried. Default 10 000. */
  requestTimeoutMs?: number
  /** Where waiting events survive reloads: localStorage by default, "memory" for none, or your own. */
  storage?: KeyValueStorage | 'memory'
  lifecycle?: PageLifecycle
  /** The fetch to send with (tests, proxies). Default the global fetch. */
  fetch?: typeof fetch
  /** The header that carries each batch's idempotency key, or false for none. Default "idempotency-key". */
  idempotencyHeader?: string | false
}

export interface HttpSinkSettings {
  name: string
  /** Undefined when the url or a header is unusable: events are kept, not sent. */
  url: string | undefined
  headers: Record<string, string>
  format: BatchFormat | undefined
  maxEvents: number
  maxBytes: number
  intervalMs: number
  concurrency: number
  journal: QueueJournal | undefined
  retry: Required<RetryOptions>
  maxEventBytes: number
  maxQueuedEvents: number
  maxQueuedBytes: number
  requestTimeoutMs: number
  fetch: typeof fetch
  idempotencyHeader: string | false
  lifecycle: PageLifecycle
  storage: KeyValueStorage | 'memory' | undefined
}
