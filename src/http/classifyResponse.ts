import { parseRetryAfter } from './retryDelay.js'

/** What to do with a batch after its request. */
export type Outcome =
  | { kind: 'sent' }
  /** `misconfiguration`: the collector's address is wrong, and says so at error level (once). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; misconfiguration?: string }
  | { kind: 'split' }
  | { kind: 'drop'; reason: string }

/**
 * 2xx sent; 413 split; 408, 429 and 5xx retried (with Retry-After); other 4xx dropped. A redirect
 * is never delivery: followed, a POST becomes a GET (301/302/303) whose 200 proves nothing, so the
 * events stay queued and the address is reported as wrong. A status no server sends is a network failure.
 */
export function classifyResponse(response: Pick<Response, 'status' | 'headers' | 'type' | 'redirected'>): Outcome {
  const { status } = response
  const reason = `HTTP ${status}`
  if (response.type === 'opaqueredirect' || response.redirected || (status >= 300 && status < 400)) {
    const location = response.headers?.get('location')
    return { kind: 'retry', reason, misconfiguration: `redirects (${status || 'opaque'}${location ? ` to ${location}` : ''})` }
  }
  if (status >= 200 && status < 300) return { kind: 'sent' }
  if (status === 413) return { kind: 'split' }
  // Below 100 or above 599 no server answered: a connection cut inside the status line, say.
  if (status === 408 || status === 429 || status >= 500 || status < 100) {
    const retryAfterMs = parseRetryAfter(response.headers?.get('retry-after') ?? null, Date.now())
    return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs }
  }
  return { kind: 'drop', reason }
}
