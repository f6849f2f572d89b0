import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Sink, TrackedEvent, TrackingPlan } from '../core.js'
import { isId } from '../core/internal.js'
import { checkEnvelope } from './checkEnvelope.js'
import { memoryDedupe, noDedupe, type Dedupe } from './dedupe.js'
import { fileStore, isEventFile, type EventStore } from './eventStore.js'
import type { EventFile } from './jsonlFile.js'
import { readBatch } from './readBatch.js'
import { rateLimit, type RateLimitOptions } from './rateLimit.js'
import { fromNode, fromRequest, toResponse, writeHead, type Answer, type Incoming } from './incoming.js'
import { stamp, type CollectedEvent } from './stamp.js'

/** What `createCollector` takes: the store, and optionally the plan, the access key, limits and sinks. */
export interface CollectorOptions {
  /** Each event is checked against it: what breaks it goes to quarantine with its reasons. */
  plan?: TrackingPlan
  /** Required in the `x-analytics-key` header when set (one key, or several while rotating). */
  accessKey?: string | readonly string[]
  /**
   * Where accepted and quarantined events are kept, before the answer: a database (`openStore(url)`,
   * `duckdbStore`, `postgresStore`, `clickhouseStore`) or a JSONL file (`jsonlFile(path)`).
   */
  store: EventStore | EventFile
  /** With a JSONL `store`: the file for events that break the envelope or the plan. Default: none, counted only. */
  quarantine?: EventFile
  /** Where ids are remembered to drop duplicates. Default `memoryDedupe()`; none for a database store, whose unique key does it. */
  dedupe?: Dedupe
  /** A store that has not answered within this many ms gets a 503 (the events may still be stored: their retry is dropped by id). Default 10,000. */
  storeTimeoutMs?: number
  /** Accepted events are handed on to these too (another collector, Segment…), after they are stored. */
  sinks?: Sink[]
  /** A body not all there after this many ms is refused with 408 (a slow client holds a request no longer). Default 10,000. */
  bodyTimeoutMs?: number
  /** Larger bodies are refused with 413. Default 1 MB. */
  maxBodyBytes?: number
  /** A larger event (its JSON, as sent) is quarantined ("too large"). Default 32 KB. */
  maxEventBytes?: number
  /** Beyond this many requests at once, 503 with Retry-After. Default 64. */
  maxConcurrentRequests?: number
  /**
   * Requests per client address (as `handle` is told it): beyond them, 429 with Retry-After. Default
   * 100 a second, bursts of 200; `false` for none (behind a proxy that limits, or one sender, say).
   */
  rateLimit?: RateLimitOptions | false
  /** Where problems are said. Default console.error. */
  log?: (message: string) => void
}

/** What a collector has accepted, dropped as duplicates, quarantined and refused since it started. */
export interface CollectorCounters {
  accepted: number
  duplicates: number
  /** Quarantined events, by event name, then by reason. */
  invalid: Record<string, Record<string, number>>
  /** Refused requests, by status. */
  refused: Record<string, number>
}

/** Where a request came from, as the server knows it. */
export interface RequestSource {
  /** The client's IP address (behind a proxy you trust: the first of x-forwarded-for). */
  address?: string | undefined
}

/** The ingest side as a handler: `Request` in, `Response` out. */
export interface Collector {
  /**
   * POST a batch: `Request` in, `Response` out (Node's http through `nodeHandler`, Hono, Next.js, Deno…).
   * `from.address` is the client's address, which the rate limit counts by (`nodeHandler` gives the socket's).
   */
  handle(request: Request, from?: RequestSource): Promise<Response>
  /**
   * POST a batch from Node's http (Express, Fastify's raw objects) as it is, without a `Request` and a
   * `Response` in between: what `serveCollector` uses. The rate limit counts by the socket's address.
   */
  handleNode(incoming: IncomingMessage, outgoing: ServerResponse): void
  /** What it accepted, dropped as duplicate and quarantined so far (GET /health serves it). */
  counters(): CollectorCounters
  /** Closes the store and the duplicate check; resolves once what they hold is written. */
  close(): Promise<void>
}

export type { CollectedEvent } from './stamp.js'


/**
 * The ingest side (the GDQ tracker: "validation … should be done on the ingest side"): authenticates, bounds,
 * checks every event against the plan, quarantines what breaks it with its reasons, drops duplicates by
 * id, stamps `receivedAt` and corrects the client's clock from `sentAt`, stores what it accepts before
 * answering, then hands it on. Its answers are the ones `httpSink` retries by: 2xx once stored, 413
 * too large, 400/401/403 refused for good, 429 to a client over its rate, 503 with Retry-After when it
 * cannot store now.
 *
 * @example
 * const collector = createCollector({ plan, accessKey: process.env.ANALYTICS_KEY, store: jsonlFile('events.jsonl') })
 * export const POST = (request: Request) => collector.handle(request) // a Next.js route handler
 */
export function createCollector(options: CollectorOptions): Collector {
  const { plan, sinks = [] } = options
  const store = isEventFile(options.store) ? fileStore(options.store, options.quarantine) : options.store
  const keys = options.accessKey === undefined ? undefined : new Set([options.accessKey].flat())
  const dedupe = options.dedupe ?? (store.dropsDuplicates ? noDedupe() : memoryDedupe())
  const storeTimeoutMs = options.storeTimeoutMs ?? 10_000
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000
  const maxEventBytes = options.maxEventBytes ?? 32_768
  const maxConcurrent = options.maxConcurrentRequests ?? 64
  const limited = options.rateLimit === false ? undefined : rateLimit(options.rateLimit)
  const log = options.log ?? ((message: string) => console.error(`[trackplan] collector: ${message}`))
  const counters: CollectorCounters = { accepted: 0, duplicates: 0, invalid: {}, refused: {} }
  let handling = 0
  let storeFailure = ''
  /** Each new cause is said once, not once per request while the database is down. */
  const reportStoreFailure = (cause: string): void => {
    if (cause !== storeFailure) log(`cannot store events (${cause}); answering 503 until it can`)
    storeFailure = cause
  }

  const refuse = (status: number, error: string, headers?: Record<string, string>): Answer => {
    counters.refused[status] = (counters.refused[status] ?? 0) + 1
    return { status, body: { error }, headers }
  }
  const quarantined = (name: string, reasons: readonly string[]): void => {
    const byReason = (counters.invalid[name] ??= {})
    for (const reason of reasons) byReason[reason] = (byReason[reason] ?? 0) + 1
  }

  const collect = async (request: Incoming): Promise<Answer> => {
    if (request.method !== 'POST') return refuse(405, 'POST a batch of events')
    if (keys) {
      const key = request.header('x-analytics-key')
      if (key === null) return refuse(401, 'the x-analytics-key header is missing')
      if (!keys.has(key)) return refuse(403, 'the x-analytics-key is not valid')
    }
    const declared = Number(request.header('content-length') ?? 0)
    if (declared > maxBodyBytes) return refuse(413, `the body is over ${maxBodyBytes} bytes`)
    const encoding = request.header('content-encoding')
    // A compressed body is not inflated (no compression bomb can cost more than its own bytes).
    if (encoding !== null && encoding.toLowerCase() !== 'identity') return refuse(415, `a body is read as sent: content-encoding ${encoding.slice(0, 40)} is not accepted`)
    const text = await request.body(maxBodyBytes, bodyTimeoutMs)
    if (text === 'too large') return refuse(413, `the body is over ${maxBodyBytes} bytes`)
    if (text === 'too slow') return refuse(408, `the body did not arrive within ${bodyTimeoutMs} ms`)
    const read = readBatch(text)
    if ('error' in read) return refuse(400, read.error)

    const receivedMs = Date.now()
    const receivedAt = new Date(receivedMs).toISOString()
    const sentAt = read.sentAt !== undefined ? Date.parse(read.sentAt) : Number.NaN
    // The client's clock, set right: its offset is what separates its sentAt from our receivedAt.
    const skew = Number.isNaN(sentAt) ? 0 : receivedMs - sentAt
    const valid: CollectedEvent[] = []
    const invalid: { event: unknown; reasons: string[] }[] = []
    // An event's size is its JSON's. A body within the limit holds no event over it as sent, and
    // its events are not measured one by one (for a batch of small events, a JSON.stringify each).
    const measured = Buffer.byteLength(text) > maxEventBytes
    for (const event of read.events) {
      const bytes = measured ? Buffer.byteLength(JSON.stringify(event) ?? '') : 0
      const checked = bytes > maxEventBytes ? [`too large: ${bytes} bytes`] : checkEnvelope(event, plan)
      const reasons = Array.isArray(checked) ? checked : await checked
      if (reasons.length > 0) invalid.push({ event, reasons })
      else valid.push(stamp(event as TrackedEvent, receivedAt, read.sentAt, skew))
    }

    // Duplicates by id, valid or not: a retried batch is judged once, and so is an id sent twice in one.
    const ids = [...valid.map((event) => event.id), ...invalid.flatMap(({ event }) => idOf(event) ?? [])]
    const unique = [...new Set(ids)]
    let fresh: boolean[]
    try {
      fresh = await dedupe.claim(unique)
    } catch (error) {
      log(`cannot check duplicates (${String(error)}); answering 503`)
      return refuse(503, 'cannot check duplicates now', { 'retry-after': '5' })
    }
    const claimed = unique.filter((_, index) => fresh[index])
    const unclaimed = new Set(claimed)
    /** The first event with an id this request claimed; every later one is a duplicate. */
    const first = (id: string | undefined): boolean => id === undefined || unclaimed.delete(id)
    const unseen = valid.filter((event) => first(event.id))
    const kept = invalid.filter(({ event }) => first(idOf(event)))
    let added: boolean[]
    try {
      added = await withinMs(storeTimeoutMs, store.write(unseen, kept.map(({ event, reasons }) => ({ receivedAt, reasons, event }))))
    } catch (error) {
      // Not stored: not acknowledged, and not remembered, so that the retry is taken.
      await dedupe.release(claimed).catch(() => {})
      const busy = error instanceof Error && error.name === 'StoreBusyError'
      reportStoreFailure(String(error))
      return refuse(503, busy ? 'too many events waiting to be stored' : 'cannot store events now', { 'retry-after': busy ? '1' : '5' })
    }
    storeFailure = ''
    // A database store tells which events it held already (sent before, by another collector too).
    const accepted = unseen.filter((_, index) => added[index] !== false)
    const duplicates = valid.length + invalid.length - accepted.length - kept.length
    counters.accepted += accepted.length
    counters.duplicates += duplicates
    for (const { event, reasons } of kept) quarantined(nameOf(event), reasons)
    for (const sink of sinks) handOn(sink, accepted, log)
    return { status: 200, body: { accepted: accepted.length, duplicates, invalid: kept.map(({ event, reasons }) => ({ id: idOf(event), name: nameOf(event), reasons })) } }
  }

  const answer = async (request: Incoming, from: RequestSource | undefined): Promise<Answer> => {
    const wait = from?.address === undefined ? undefined : limited?.(from.address, Date.now())
    if (wait) return refuse(429, 'too many requests from this address', { 'retry-after': String(wait.retryAfterSeconds) })
    if (handling >= maxConcurrent) return refuse(503, 'too many requests at once', { 'retry-after': '1' })
    handling++
    try {
      return await collect(request)
    } catch (error) {
      log(`a request failed: ${String(error)}`)
      return refuse(500, 'the collector failed on this request')
    } finally {
      handling--
    }
  }

  return {
    handle: async (request, from) => toResponse(await answer(fromRequest(request), from)),
    handleNode(incoming, outgoing) {
      void answer(fromNode(incoming), { address: incoming.socket.remoteAddress }).then((made) => {
        const [status, headers, body] = writeHead(made)
        outgoing.writeHead(status, headers).end(body)
        // What was not read (a body over the limit) is drained, so that the connection stays usable.
        incoming.resume()
      }, () => outgoing.destroy())
    },
    counters: () => structuredClone(counters),
    async close() {
      await store.close()
      await dedupe.close?.()
    },
  }
}

class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError'
}
/** The store's answer, or a rejection after `ms`. */
function withinMs<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(`the store did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const idOf = (event: unknown): string | undefined => {
  const id = (event as { id?: unknown } | null)?.id
  return isId(id) ? id : undefined
}
const nameOf = (event: unknown): string => {
  const name = (event as { name?: unknown } | null)?.name
  return typeof name === 'string' && name !== '' ? name.slice(0, 200) : '(no name)'
}

function handOn(sink: Sink, events: TrackedEvent[], log: (message: string) => void): void {
  if (events.length === 0) return
  try {
    void Promise.resolve(sink.send(events)).catch((error: unknown) => log(`sink "${sink.name}" failed: ${String(error)}`))
  } catch (error) {
    log(`sink "${sink.name}" failed: ${String(error)}`)
  }
}
