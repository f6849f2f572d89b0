import type { KeyValueStorage } from '../core.js'
import { browserLifecycle, type PageLifecycle } from './pageLifecycle.js'
import type { BatchFormat } from './formats.js'
import type { QueueJournal } from './queueJournal.js'
import type { RetryOptions } from './retryDelay.js'
import { describeInput } from '../core/internal.js'

// Development-only code tests `process.env.NODE_ENV !== 'production'`, which bundlers replace in
// production builds so that minifiers drop what it guards. Code that runs on every call reads it once
// per factory into a local `development` constant, folded the same way (a module-level or imported
// constant is not folded by every bundler) and cheap in unbundled Node, where each read costs ~0.2 µs.
declare const process: { env: { NODE_ENV?: string } }

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

export interface ReadHttpSinkOptions {
  settings: HttpSinkSettings
  /** Mistakes replaced by defaults. */
  problems: string[]
  /** The mistake that keeps events unsent (a url or header fetch refuses), if any. */
  fatal?: string
}

/** Timers fire at once beyond this many milliseconds (2^31 − 1): no delay option may exceed it. */
const MAX_DELAY_MS = 2 ** 31 - 1

/** What fetch accepts in a header: a token name, and a Latin-1 value without CR, LF or NUL. */
const isHeader = (name: string, value: string): boolean => /^[\w!#$%&'*+.^`|~-]+$/.test(name) && /^[\t\x20-\x7e\x80-\xff]*$/.test(value)

/**
 * Options with defaults filled in, and one line per configuration mistake (details in development
 * only). `fatal` is set when events cannot be sent as configured (a url or header fetch would refuse):
 * they are kept, not sent, rather than retried forever.
 */
export function readHttpSinkOptions(options: HttpSinkOptions, mistakes: readonly string[] = []): ReadHttpSinkOptions {
  try {
    return read(options, mistakes)
  } catch {
    // Options that throw when read (a getter, a Proxy): nothing is sent, and that is said.
    return read({} as HttpSinkOptions, ['options could not be read'])
  }
}

function read(options: HttpSinkOptions, mistakes: readonly string[]): ReadHttpSinkOptions {
  const problems: string[] = []
  let fatal = mistakes[0]
  let replaced = false
  /** A finite number option at or above its minimum (at most `MAX_DELAY_MS`), or the default. */
  const number = (value: unknown, fallback: number, minimum = 1): number => {
    const used = typeof value === 'number' && value >= minimum && Number.isFinite(value) ? Math.min(value, MAX_DELAY_MS) : fallback
    if (value !== undefined && used !== value) replaced = true
    return used
  }
  const given = typeof options === 'object' && options !== null ? options : ({} as Partial<HttpSinkOptions>)
  if (given !== options) problems.push('options must be an object')

  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const header = (name: string, value: unknown): void => {
    if (typeof value === 'string' && isHeader(name, value)) headers[name.toLowerCase()] = value
    else fatal ??= `header "${name}" cannot be sent (a space in its name, or a line break or non-Latin-1 character in its value)`
  }
  if (typeof given.headers === 'object' && given.headers !== null) {
    for (const [name, value] of Object.entries(given.headers)) header(name, value)
  } else if (given.headers !== undefined) problems.push('headers must be an object; left out')
  if (given.accessKey !== undefined) header('x-analytics-key', given.accessKey === '' ? undefined : given.accessKey)

  let url: string | undefined
  const parsed = typeof given.url === 'string' ? parseUrl(given.url) : undefined
  if (!parsed) fatal ??= `url ${describeInput(given.url)} is not a URL this runtime can send to`
  else if (parsed.username || parsed.password) fatal ??= 'url holds credentials, which fetch refuses: pass them in headers'
  else url = given.testMode ? withTestPath(given.url!, typeof given.testPath === 'string' ? given.testPath : 'test') : given.url

  if (given.format !== undefined && typeof given.format !== 'function') problems.push('format must be a function; using the default body')

  const batch = given.batch ?? {}
  const retry = given.retry ?? {}
  const globalFetch = (globalThis as { fetch?: typeof fetch }).fetch
  const fetchFunction = typeof given.fetch === 'function' ? given.fetch : globalFetch?.bind(globalThis)
  if (!fetchFunction) fatal ??= 'no fetch in this runtime; pass options.fetch'

  const lifecycle = given.lifecycle
  const usable = typeof lifecycle?.listen === 'function' && typeof lifecycle.isOnline === 'function'
  if (lifecycle !== undefined && !usable) problems.push("lifecycle must have listen() and isOnline(); using the browser's")

  const settings: HttpSinkSettings = {
    name: typeof given.name === 'string' && given.name !== '' ? given.name : 'http',
    url: fatal ? undefined : url,
    headers,
    format: typeof given.format === 'function' ? given.format : undefined,
    // 50: each request costs the page about 1 ms of its main thread in Chromium; DataDog and Mixpanel batch 50 too.
    maxEvents: number(batch.maxEvents, 50),
    maxBytes: number(batch.maxBytes, 60_000),
    intervalMs: number(batch.intervalMs, 2000, 0),
    concurrency: Math.floor(number(given.concurrency, 1)),
    journal: typeof given.journal?.open === 'function' ? given.journal : undefined,
    retry: {
      baseDelayMs: number(retry.baseDelayMs, 1000, 0),
      maxDelayMs: number(retry.maxDelayMs, 60_000, 0),
      maxAgeMs: number(retry.maxAgeMs, 7 * 24 * 60 * 60 * 1000),
    },
    maxEventBytes: number(given.maxEventBytes, 32_768),
    maxQueuedEvents: number(given.maxQueuedEvents, 1000),
    maxQueuedBytes: number(given.maxQueuedBytes, 1_000_000),
    requestTimeoutMs: number(given.requestTimeoutMs, 10_000),
    fetch: fetchFunction ?? (() => Promise.reject(new Error('no fetch'))),
    idempotencyHeader: given.idempotencyHeader === false ? false : typeof given.idempotencyHeader === 'string' ? given.idempotencyHeader.toLowerCase() : 'idempotency-key',
    lifecycle: usable ? lifecycle : browserLifecycle,
    storage: given.storage,
  }
  if (process.env.NODE_ENV !== 'production') problems.push(...replacedNumbers(given, settings))
  else if (replaced) problems.push('a number option is not usable; its default is used')
  return fatal ? { problems, settings, fatal } : { problems, settings }
}

/**
 * Development only: a line for each number option given but not usable, saying what was used instead.
 * Kept apart so that production builds carry none of the option names.
 */
function replacedNumbers(given: Partial<HttpSinkOptions>, settings: HttpSinkSettings): string[] {
  const problems: string[] = []
  const numbers: [label: string, value: unknown, used: number, minimum: number][] = [
    ['batch.maxEvents', given.batch?.maxEvents, settings.maxEvents, 1],
    ['batch.maxBytes', given.batch?.maxBytes, settings.maxBytes, 1],
    ['batch.intervalMs', given.batch?.intervalMs, settings.intervalMs, 0],
    ['concurrency', given.concurrency, settings.concurrency, 1],
    ['retry.baseDelayMs', given.retry?.baseDelayMs, settings.retry.baseDelayMs, 0],
    ['retry.maxDelayMs', given.retry?.maxDelayMs, settings.retry.maxDelayMs, 0],
    ['retry.maxAgeMs', given.retry?.maxAgeMs, settings.retry.maxAgeMs, 1],
    ['maxEventBytes', given.maxEventBytes, settings.maxEventBytes, 1],
    ['maxQueuedEvents', given.maxQueuedEvents, settings.maxQueuedEvents, 1],
    ['maxQueuedBytes', given.maxQueuedBytes, settings.maxQueuedBytes, 1],
    ['requestTimeoutMs', given.requestTimeoutMs, settings.requestTimeoutMs, 1],
  ]
  for (const [label, value, used, minimum] of numbers) {
    if (value !== undefined && value !== used) {
      problems.push(`${label} must be a finite number from ${minimum} to ${MAX_DELAY_MS}, got ${describeInput(value)}; using ${used}`)
    }
  }
  return problems
}

/** The url resolved against the page, if it is an http(s) URL. */
function parseUrl(url: string): URL | undefined {
  try {
    const base = typeof location === 'undefined' ? undefined : location.href
    const parsed = new URL(url, base)
    return url !== '' && (parsed.protocol === 'http:' || parsed.protocol === 'https:') ? parsed : undefined
  } catch {
    return undefined
  }
}

/** `https://host/collect?x=1` with "test" → `https://host/collect/test?x=1` (seed 001's test path). */
function withTestPath(url: string, testPath: string): string {
  const queryAt = url.search(/[?#]/)
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const rest = queryAt === -1 ? '' : url.slice(queryAt)
  return `${path.replace(/\/+$/, '')}/${testPath.replace(/^\/+/, '')}${rest}`
}
