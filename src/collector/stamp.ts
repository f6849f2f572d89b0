import type { TrackedEvent } from '../core.js'

/** A stored event: as sent, with when it arrived and its time corrected for the client's clock. */
export type CollectedEvent = TrackedEvent & { receivedAt: string; sentAt?: string; originalTimestamp?: string }

/**
 * Stamps the event with `receivedAt`; when the batch said when it was sent and the client's clock is
 * off by `skew` ms, its timestamp is corrected and the client's kept as `originalTimestamp`. The
 * event is the collector's own, just parsed from the body: it is stamped where it is, not copied.
 */
export function stamp(event: TrackedEvent, receivedAt: string, sentAt: string | undefined, skew: number): CollectedEvent {
  const stamped = event as CollectedEvent
  const timestamp = event.timestamp
  stamped.receivedAt = receivedAt
  if (sentAt !== undefined && skew !== 0) {
    stamped.sentAt = sentAt
    stamped.originalTimestamp = timestamp
    stamped.timestamp = new Date(Date.parse(timestamp) + skew).toISOString()
  }
  return stamped
}
