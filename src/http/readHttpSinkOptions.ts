import type { BatchFormat } from './formats.js'
import type { HttpSinkOptions } from './httpSink.js'
import type { RetryOptions } from './retryDelay.js'

export interface HttpSinkSettings {
  name: string
  /** Undefined when the url is unusable: events are kept, not sent. */
  url: string | undefined
  headers: Record<string, string>
  format: BatchFormat | undefined
  maxEvents: number
  maxBytes: number
  intervalMs: number
  retry: Required<RetryOptions>
  maxEventBytes: number
  maxQueuedEvents: number
  maxQueuedBytes: number
  requestTimeoutMs: number
  fetch: typeof fetch
  idempotencyHeader: string | false
}

// Written out at each use so that bundlers drop the messages from production builds.
declare const process: { env: { NODE_ENV?: string } }

/** A number option at or above its minimum, or the default. */
const number = (value: unknown, fallback: number, minimum = 1): number => (typeof value === 'number' && value >= minimum ? value : fallback)

/** Options with defaults filled in, and one line per option that had to be replaced (details in development only). */
export function readHttpSinkOptions(options: HttpSinkOptions): { settings: HttpSinkSettings; problems: string[] } {
  const problems: string[] = []
  const given = typeof options === 'object' && options !== null ? options : ({} as Partial<HttpSinkOptions>)
  if (given !== options && process.env.NODE_ENV !== 'production') problems.push('options must be an object')

  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (typeof given.headers === 'object' && given.headers !== null) {
    for (const [key, value] of Object.entries(given.headers)) {
      if (typeof value === 'string') headers[key.toLowerCase()] = value
      else if (process.env.NODE_ENV !== 'production') problems.push(`header "${key}" must be a string; left out`)
    }
  } else if (given.headers !== undefined && process.env.NODE_ENV !== 'production') problems.push('headers must be an object; left out')
  if (typeof given.accessKey === 'string' && given.accessKey !== '') headers['x-analytics-key'] = given.accessKey
  else if (given.accessKey !== undefined && process.env.NODE_ENV !== 'production') problems.push('accessKey must be a non-empty string; left out')

  let url: string | undefined
  if (typeof given.url === 'string' && given.url !== '' && isUsableUrl(given.url)) {
    url = given.testMode ? withTestPath(given.url, typeof given.testPath === 'string' ? given.testPath : 'test') : given.url
  } else {
    problems.push(`url ${JSON.stringify(given.url)} is not a URL this runtime can send to`)
  }

  if (process.env.NODE_ENV !== 'production' && given.format !== undefined && typeof given.format !== 'function') {
    problems.push('format must be a function; using the default body')
  }

  const batch = given.batch ?? {}
  const retry = given.retry ?? {}
  const globalFetch = (globalThis as { fetch?: typeof fetch }).fetch
  const fetchFunction = typeof given.fetch === 'function' ? given.fetch : globalFetch?.bind(globalThis)
  if (!fetchFunction) problems.push('no fetch in this runtime; pass options.fetch')

  const settings: HttpSinkSettings = {
    name: typeof given.name === 'string' && given.name !== '' ? given.name : 'http',
    url: fetchFunction ? url : undefined,
    headers,
    format: typeof given.format === 'function' ? given.format : undefined,
    maxEvents: number(batch.maxEvents, 20),
    maxBytes: number(batch.maxBytes, 60_000),
    intervalMs: number(batch.intervalMs, 2000, 0),
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
  }
  if (process.env.NODE_ENV !== 'production') problems.push(...replacedNumbers(given, settings))
  return { problems, settings }
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
    ['retry.baseDelayMs', given.retry?.baseDelayMs, settings.retry.baseDelayMs, 0],
    ['retry.maxDelayMs', given.retry?.maxDelayMs, settings.retry.maxDelayMs, 0],
    ['retry.maxAgeMs', given.retry?.maxAgeMs, settings.retry.maxAgeMs, 1],
    ['maxEventBytes', given.maxEventBytes, settings.maxEventBytes, 1],
    ['maxQueuedEvents', given.maxQueuedEvents, settings.maxQueuedEvents, 1],
    ['maxQueuedBytes', given.maxQueuedBytes, settings.maxQueuedBytes, 1],
    ['requestTimeoutMs', given.requestTimeoutMs, settings.requestTimeoutMs, 1],
  ]
  for (const [label, value, used, minimum] of numbers) {
    if (value !== undefined && value !== used) problems.push(`${label} must be a number of at least ${minimum}, got ${JSON.stringify(value)}; using ${used}`)
  }
  return problems
}

function isUsableUrl(url: string): boolean {
  try {
    const base = typeof location === 'undefined' ? undefined : location.href
    const parsed = new URL(url, base)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    return false
  }
}

/** `https://host/collect?x=1` with "test" → `https://host/collect/test?x=1` (seed 001's test path). */
function withTestPath(url: string, testPath: string): string {
  const queryAt = url.search(/[?#]/)
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const rest = queryAt === -1 ? '' : url.slice(queryAt)
  return `${path.replace(/\/+$/, '')}/${testPath.replace(/^\/+/, '')}${rest}`
}
