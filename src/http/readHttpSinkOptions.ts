import { collectorUrl } from './collectorUrl.js'
import { batchFormat } from './formats.js'
import type { HttpSinkOptions, HttpSinkSettings } from './httpSinkOptions.js'
import { browserLifecycle } from './pageLifecycle.js'
import { MAX_DELAY_MS, replacedNumbers } from './replacedNumbers.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

export interface ReadHttpSinkOptions {
  settings: HttpSinkSettings
  /** Mistakes replaced by defaults. */
  problems: string[]
  /** The mistake that keeps events unsent (a url or header fetch refuses), if any. */
  fatal?: string
}

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

  const { url, unusable } = collectorUrl(given)
  fatal ??= unusable

  if (given.format !== undefined && typeof given.format !== 'function') problems.push('format must be a function; using the default body')
  let format = typeof given.format === 'function' ? given.format : undefined
  const shape = given.shape
  if (shape !== undefined) {
    // A shape with mistakes would send rows the warehouse misreads: the events wait instead.
    if (typeof shape?.apply !== 'function') fatal ??= 'shape must come from shapeEvents()'
    else if (shape.problems.length > 0) fatal ??= `shape: ${shape.problems.join('; ')}`
    else {
      const inner = format ?? batchFormat
      format = (events, info) => inner(events.map(shape.apply), info)
    }
  }

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
    format,
    // 50: each request costs the page about 1 ms of its main thread in Chromium; DataDog and Mixpanel batch 50 too.
    maxEvents: number(batch.maxEvents, 50),
    maxBytes: number(batch.maxBytes, 60_000),
    intervalMs: number(batch.intervalMs, 2000, 0),
    concurrency: Math.floor(number(given.concurrency, 1)),
    journal: typeof given.journal?.open === 'function' ? given.journal : undefined,
    retry: {
      baseDelayMs: number(retry.baseDelayMs, 1000, 0),
      maxDelayMs: number(retry.maxDelayMs, 4000, 0),
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
