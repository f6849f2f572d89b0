import { parseRetryAfter } from './retryDelay.js'

/** What to do with a batch after its request. */
export type Outcome =
  | { kind: 'sent' }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'split' }
  | { kind: 'drop'; reason: string }
  | { kind: 'park' }

/** 2xx sent; 413 split; 408, 429 and 5xx retried (with Retry-After); any other answer dropped. */
export function classifyResponse(response: Pick<Response, 'status' | 'headers'>): Outcome {
  const { status } = response
  if (status >= 200 && status < 300) return { kind: 'sent' }
  if (status === 413) return { kind: 'split' }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers?.get('retry-after') ?? null, Date.now())
    return retryAfterMs === undefined ? { kind: 'retry', reason: `HTTP ${status}` } : { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs }
  }
  return { kind: 'drop', reason: `HTTP ${status}` }
}
