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

/** Options with defaults filled in, and (in development) one line per option that had to be replaced. */
export function readHttpSinkOptions(options: HttpSinkOptions): { settings: HttpSinkSettings; problems: string[] } {
  const problems: string[] = []
  const given = typeof options === 'object' && options !== null ? options : ({} as Partial<HttpSinkOptions>)
  if (given !== options && process.env.NODE_ENV !== 'production') problems.push('options must be an object')

  const number = (value: unknown, fallback: number, label: string, minimum = 1): number => {
    if (value === undefined) return fallback
    if (typeof value === 'number' && value >= minimum) return value
    if (process.env.NODE_ENV !== 'production') problems.push(`${label} must be a number of at least ${minimum}, got ${JSON.stringify(value)}; using ${fallback}`)
    return fallback
  }

  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (given.headers !== undefined) {
    if (typeof given.headers === 'object' && given.headers !== null) {
      for (const [key, value] of Object.entries(given.headers)) {
        if (typeof value === 'string') headers[key.toLowerCase()] = value
        else if (process.env.NODE_ENV !== 'production') problems.push(`header "${key}" must be a string; left out`)
      }
    } else if (process.env.NODE_ENV !== 'production') problems.push('headers must be an object; left out')
  }
  if (typeof given.accessKey === 'string' && given.accessKey !== '') headers['x-analytics-key'] = given.accessKey
  else if (given.accessKey !== undefined && process.env.NODE_ENV !== 'production') problems.push('accessKey must be a non-empty string; left out')

  let url: string | undefined
  if (typeof given.url === 'string' && given.url !== '' && isUsableUrl(given.url)) {
    url = given.testMode ? withTestPath(given.url, typeof given.testPath === 'string' ? given.testPath : 'test') : given.url
  } else {
    problems.push(`url ${JSON.stringify(given.url)} is not a URL this runtime can send to`)
  }

  let format: BatchFormat | undefined
  if (typeof given.format === 'function') format = given.format
  else if (given.format !== undefined && process.env.NODE_ENV !== 'production') problems.push('format must be a function; using the default body')

  const batch = given.batch ?? {}
  const retry = given.retry ?? {}
  const globalFetch = (globalThis as { fetch?: typeof fetch }).fetch
  const fetchFunction = typeof given.fetch === 'function' ? given.fetch : globalFetch?.bind(globalThis)
  if (!fetchFunction) problems.push('no fetch in this runtime; pass options.fetch')

  return {
    problems,
    settings: {
      name: typeof given.name === 'string' && given.name !== '' ? given.name : 'http',
      url: fetchFunction ? url : undefined,
      headers,
      format,
      maxEvents: number(batch.maxEvents, 20, 'batch.maxEvents'),
      maxBytes: number(batch.maxBytes, 60_000, 'batch.maxBytes'),
      intervalMs: number(batch.intervalMs, 2000, 'batch.intervalMs', 0),
      retry: {
        baseDelayMs: number(retry.baseDelayMs, 1000, 'retry.baseDelayMs', 0),
        maxDelayMs: number(retry.maxDelayMs, 60_000, 'retry.maxDelayMs', 0),
        maxAgeMs: number(retry.maxAgeMs, 7 * 24 * 60 * 60 * 1000, 'retry.maxAgeMs'),
      },
      maxEventBytes: number(given.maxEventBytes, 32_768, 'maxEventBytes'),
      maxQueuedEvents: number(given.maxQueuedEvents, 1000, 'maxQueuedEvents'),
      maxQueuedBytes: number(given.maxQueuedBytes, 1_000_000, 'maxQueuedBytes'),
      requestTimeoutMs: number(given.requestTimeoutMs, 10_000, 'requestTimeoutMs'),
      fetch: fetchFunction ?? (() => Promise.reject(new Error('no fetch'))),
      idempotencyHeader: given.idempotencyHeader === false ? false : typeof given.idempotencyHeader === 'string' ? given.idempotencyHeader.toLowerCase() : 'idempotency-key',
    },
  }
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
