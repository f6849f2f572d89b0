import type { HttpSinkOptions } from './httpSinkOptions.js'
import { describeInput } from '../core/internal.js'

/**
 * Where batches go: `url` (with the test path in `testMode`), or why it cannot be sent to. fetch
 * refuses a URL with credentials, and anything but http(s) is no collector.
 */
export function collectorUrl(given: Partial<HttpSinkOptions>): { url?: string; unusable?: string } {
  const parsed = typeof given.url === 'string' ? parseUrl(given.url) : undefined
  if (!parsed) return { unusable: `url ${describeInput(given.url)} is not a URL this runtime can send to` }
  if (parsed.username || parsed.password) return { unusable: 'url holds credentials, which fetch refuses: pass them in headers' }
  return { url: given.testMode ? withTestPath(given.url!, typeof given.testPath === 'string' ? given.testPath : 'test') : given.url! }
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

/** `https://host/collect?x=1` with "test" → `https://host/collect/test?x=1` (the GDQ tracker's test path). */
function withTestPath(url: string, testPath: string): string {
  const queryAt = url.search(/[?#]/)
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const rest = queryAt === -1 ? '' : url.slice(queryAt)
  return `${path.replace(/\/+$/, '')}/${testPath.replace(/^\/+/, '')}${rest}`
}
