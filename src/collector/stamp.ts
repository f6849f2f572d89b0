import type { TrackedEvent } from '../core.js'

/** A stored event: as sent, with when it arrived and its time corrected for the client's clock. */
export type CollectedEvent = TrackedEvent & { receivedAt: string; sentAt?: string; originalTimestamp?: string }

/**
 * The event with `receivedAt`; when the batch said when it was sent and the client's clock is off by
 * `skew` ms, its timestamp is corrected and the client's kept as `originalTimestamp`.
 */
export function stamp(event: TrackedEvent, receivedAt: string, sentAt: string | undefined, skew: number): CollectedEvent {
  const stamped: CollectedEvent = { ...event, receivedAt }
  if (sentAt !== undefined && skew !== 0) {
    stamped.sentAt = sentAt
    stamped.originalTimestamp = event.timestamp
    stamped.timestamp = new Date(Date.parse(event.timestamp) + skew).toISOString()
  }
  return stamped
}
