import type { TrackedEvent } from '../core.js'
import { httpSink, type BatchFormat, type HttpSink, type HttpSinkOptions } from '../http.js'

/** The write key and host of a Segment-compatible collector, with `httpSink`'s delivery options. */
export interface SegmentSinkOptions extends Omit<HttpSinkOptions, 'url' | 'format' | 'accessKey' | 'testMode' | 'testPath'> {
  writeKey: string
  /** Segment's API, or a Segment-compatible collector (RudderStack, Jitsu…). Default https://api.segment.io. */
  host?: string
}

/** One event as a message of Segment's HTTP Tracking API. Our page and section go to `context.trackplan`. */
export function toSegmentMessage(event: TrackedEvent): Record<string, unknown> {
  const { page, section, ...context } = event.context
  const message: Record<string, unknown> = {
    type: event.type,
    messageId: event.id,
    anonymousId: event.anonymousId,
    timestamp: event.timestamp,
    context: { ...context, trackplan: { page, section } },
  }
  if (event.userId !== undefined) message.userId = event.userId
  if (event.type === 'track') Object.assign(message, { event: event.name, properties: event.properties })
  else if (event.type === 'page') Object.assign(message, { name: event.name, properties: { ...event.properties, ...(page?.category ? { category: page.category } : {}) } })
  else message.traits = event.properties
  return message
}

/**
 * The body of Segment's `/v1/batch`.
 *
 * @example
 * httpSink({ url: 'https://collector.example.com/v1/batch', format: segmentFormat })
 */
export const segmentFormat: BatchFormat = (events, { sentAt }) => ({ batch: events.map(toSegmentMessage), sentAt })


/**
 * Sends to Segment's HTTP Tracking API (`/v1/batch`: track, page and identify calls; `messageId` is
 * our event id; basic auth with the write key), with all of httpSink's delivery guarantees. Works with
 * Segment-compatible collectors through `host`.
 *
 * @example
 * createTracker({ sinks: [withRouting(segmentSink({ writeKey: 'abc123' }), { filter: { allow: ['signup.completed'] } })] })
 */
export function segmentSink(options: SegmentSinkOptions): HttpSink {
  const { writeKey, host = 'https://api.segment.io', ...rest } = typeof options === 'object' && options !== null ? options : ({} as Partial<SegmentSinkOptions>)
  const mistakes: string[] = []
  let authorization = ''
  try {
    // btoa throws beyond Latin-1: no real write key is.
    if (typeof writeKey === 'string' && writeKey !== '') authorization = `Basic ${btoa(`${writeKey}:`)}`
  } catch {
    // reported below
  }
  if (!authorization) mistakes.push('writeKey must be a non-empty Latin-1 string')
  if (typeof host !== 'string') mistakes.push('host must be a string')
  return httpSink(
    {
      name: 'segment',
      ...rest,
      url: `${String(host).replace(/\/+$/, '')}/v1/batch`,
      headers: { ...rest.headers, authorization },
      format: segmentFormat,
      // Segment answers CORS only for its own headers: no idempotency header, the messageIds do that job.
      idempotencyHeader: false,
    },
    mistakes,
  )
}
