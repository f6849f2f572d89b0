import type { TrackedEvent } from '../core.js'

/** What every request body is built from. */
export interface BatchInfo {
  /** Unique per batch and kept across its retries (also sent as the Idempotency-Key header). */
  idempotencyKey: string
  /** ISO 8601, when this attempt was sent. */
  sentAt: string
}

/** Turns a batch of events into a request body (a string, or a value sent as JSON). */
export type BatchFormat = (events: TrackedEvent[], batch: BatchInfo) => unknown

/**
 * The default body: `{ "batch": TrackedEvent[], "sentAt": "<ISO 8601>" }`.
 *
 * @example
 * httpSink({ url: '/collect', format: batchFormat })
 */
export const batchFormat: BatchFormat = (events, { sentAt }) => ({ batch: events, sentAt })

/**
 * The GDQ tracker's collector format: a JSON array of `{ "event_name": …, "properties": … }`.
 * Context, ids, timestamps and whose event it is ride along inside `properties` under `$context`,
 * `$id`, `$timestamp`, `$anonymousId` and `$userId` (when known).
 *
 * @example
 * httpSink({ url: 'http://localhost:5000', format: eventListFormat, accessKey: process.env.ANALYTICS_KEY })
 */
export const eventListFormat: BatchFormat = (events) =>
  events.map((event) => {
    const properties: Record<string, unknown> = { ...event.properties, $id: event.id, $timestamp: event.timestamp, $context: event.context, $anonymousId: event.anonymousId }
    if (event.userId !== undefined) properties.$userId = event.userId
    return { event_name: event.name, properties }
  })
