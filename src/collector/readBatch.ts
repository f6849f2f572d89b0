/** A request body, read: the events it carries (as sent) and when it says it was sent, or why it is refused. */
export type ReadBatch = { events: unknown[]; sentAt?: string } | { error: string }

/**
 * The events of a body in either wire format: trackplan's `{ "batch": [...], "sentAt" }`, or the GDQ tracker's
 * array of `{ "event_name", "properties" }` (with `$id`, `$timestamp`, `$context`, `$userId` and
 * `$anonymousId` inside `properties`, as `eventListFormat` sends them), which becomes an envelope.
 */
export function readBatch(text: string): ReadBatch {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { error: 'the body is not JSON' }
  }
  if (Array.isArray(body)) return { events: body.map(fromEventList) }
  const batch = (body as { batch?: unknown } | null)?.batch
  if (!Array.isArray(batch)) return { error: 'expected { "batch": [...] } or an array of { "event_name", "properties" }' }
  const sentAt = (body as { sentAt?: unknown }).sentAt
  return typeof sentAt === 'string' ? { events: batch, sentAt } : { events: batch }
}

/** The GDQ tracker's `{ event_name, properties }` as an envelope; anything else is left as it is, for the checks to judge. */
function fromEventList(item: unknown): unknown {
  const { event_name: name, properties } = (item ?? {}) as { event_name?: unknown; properties?: Record<string, unknown> }
  if (typeof name !== 'string' || typeof properties !== 'object' || properties === null) return item
  const { $id: id, $timestamp: timestamp, $context: context, $userId: userId, $anonymousId: anonymousId, ...rest } = properties
  const event: Record<string, unknown> = { id, type: 'track', name, properties: rest, context: context ?? {}, timestamp, anonymousId }
  if (userId !== undefined) event.userId = userId
  return event
}
