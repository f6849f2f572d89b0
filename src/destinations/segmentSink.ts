import type { TrackedEvent } from '../core.js'
import { httpSink, type BatchFormat, type HttpSink, type HttpSinkOptions } from '../http.js'

/** The write key and host of a Segment-compatible collector, with `httpSink`'s delivery options. */
export interface SegmentSinkOptions extends Omit<HttpSinkOptions, 'url' | 'format' | 'accessKey' | 'testMode' | 'testPath'> {
  writeKey: string
  /** Segment's API, or a Segment-compatible collector (RudderStack, Jitsu…). Default https://api.segment.io. */
  host?: string
  /** Where each message puts what trackplan knows beyond Segment's spec (see `SegmentLayout`). */
  layout?: SegmentLayout
}

/**
 * Where page, section and traits sit in each message. The default keeps trackplan's page and section
 * apart, under `context.trackplan`, and identify traits at the top; `segmentLayouts.lightdash` writes
 * the rows a Lightdash-style provider sends through RudderStack's SDK.
 */
export interface SegmentLayout {
  /** "context.trackplan" (default): `context.trackplan.page` and `.section`; "context": `context.page` and `context.section`. */
  pageAndSection?: 'context.trackplan' | 'context'
  /** "traits" (default): identify traits at the top of the message; "context.traits": as RudderStack's browser SDK sends them. */
  traits?: 'traits' | 'context.traits'
}

/** One event as a message of Segment's HTTP Tracking API, laid out as `layout` says (default: page and section under `context.trackplan`). */
export function toSegmentMessage(event: TrackedEvent, layout: SegmentLayout = {}): Record<string, unknown> {
  const { page, section, ...rest } = event.context
  const context: Record<string, unknown> = layout.pageAndSection === 'context' ? { ...rest, page, section } : { ...rest, trackplan: { page, section } }
  const message: Record<string, unknown> = {
    type: event.type,
    messageId: event.id,
    anonymousId: event.anonymousId,
    timestamp: event.timestamp,
    context,
  }
  if (event.userId !== undefined) message.userId = event.userId
  if (event.type === 'track') Object.assign(message, { event: event.name, properties: event.properties })
  else if (event.type === 'page') {
    // Segment's page call: the category at the top; the name, category and type in the properties.
    const category = page?.category ? { category: page.category } : {}
    Object.assign(message, { name: event.name, ...category, properties: { ...event.properties, name: event.name, ...category, ...(page ? { type: page.type } : {}) } })
  } else if (layout.traits === 'context.traits') context.traits = event.properties
  else message.traits = event.properties
  return message
}

/** Layouts of known warehouses, for `segmentSink({ layout })`. */
export const segmentLayouts = {
  /** Segment's own spec, with trackplan's page and section apart under `context.trackplan`. */
  trackplan: {} as SegmentLayout,
  /** The rows a Lightdash-style provider sends through RudderStack: `context.page`, `context.section`, `context.traits`. */
  lightdash: { pageAndSection: 'context', traits: 'context.traits' } as SegmentLayout,
} as const

/**
 * The body of Segment's `/v1/batch`.
 *
 * @example
 * httpSink({ url: 'https://collector.example.com/v1/batch', format: segmentFormat })
 */
export const segmentFormat: BatchFormat = (events, { sentAt }) => ({ batch: events.map((event) => toSegmentMessage(event)), sentAt })


/**
 * Sends to Segment's HTTP Tracking API (`/v1/batch`: track, page and identify calls; `messageId` is
 * our event id; basic auth with the write key), with all of httpSink's delivery guarantees. Works with
 * Segment-compatible collectors through `host`.
 *
 * @example
 * createTracker({ sinks: [withRouting(segmentSink({ writeKey: 'abc123' }), { filter: { allow: ['signup.completed'] } })] })
 */
export function segmentSink(options: SegmentSinkOptions): HttpSink {
  const { writeKey, host = 'https://api.segment.io', layout = {}, ...rest } = typeof options === 'object' && options !== null ? options : ({} as Partial<SegmentSinkOptions>)
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
  const { pageAndSection, traits } = (typeof layout === 'object' && layout !== null ? layout : {}) as SegmentLayout
  if (pageAndSection !== undefined && pageAndSection !== 'context' && pageAndSection !== 'context.trackplan') mistakes.push(`layout.pageAndSection must be "context" or "context.trackplan", got ${JSON.stringify(pageAndSection)}`)
  if (traits !== undefined && traits !== 'traits' && traits !== 'context.traits') mistakes.push(`layout.traits must be "traits" or "context.traits", got ${JSON.stringify(traits)}`)
  return httpSink(
    {
      name: 'segment',
      ...rest,
      url: `${String(host).replace(/\/+$/, '')}/v1/batch`,
      headers: { ...rest.headers, authorization },
      format: (events, { sentAt }) => ({ batch: events.map((event) => toSegmentMessage(event, layout)), sentAt }),
      // Segment answers CORS only for its own headers: no idempotency header, the messageIds do that job.
      idempotencyHeader: false,
    },
    mistakes,
  )
}
