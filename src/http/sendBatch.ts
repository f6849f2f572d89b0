import type { Batch } from './batches.js'
import { classifyResponse, type Outcome } from './classifyResponse.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'

/** What became of a request: the collector's answer, or `unanswered` (a network error or the timeout). */
export type SendResult = Outcome | { kind: 'unanswered'; reason: string }

/** At most this many 307/308 redirects are followed for one request. */
const MAX_REDIRECTS = 3

/**
 * Where a 307 or 308 may take a batch: the same origin, or the same host moving from http to https
 * (the address's key goes nowhere else). Undefined for anything else, and for other redirects.
 */
function followable(response: Response, from: string): string | undefined {
  if (response.status !== 307 && response.status !== 308) return undefined
  const location = response.headers.get('location')
  if (!location) return undefined
  try {
    const current = new URL(from)
    const next = new URL(location, current)
    const upgrade = current.protocol === 'http:' && next.protocol === 'https:' && next.hostname === current.hostname
    return next.origin === current.origin || upgrade ? next.href : undefined
  } catch {
    return undefined
  }
}

/**
 * One POST of one batch to the collector, abandoned after `requestTimeoutMs`. Never throws: a
 * failure is a result. A 307 or 308 (which keep the method and the body) is followed, a few hops at
 * most, within the same origin or to https on the same host; any other redirect is reported, never
 * followed (see `classifyResponse`). A browser hides a redirect's status from `fetch`, so there every
 * redirect is reported.
 */
export async function sendBatch(settings: HttpSinkSettings, batch: Batch, payload: string, keepalive: boolean): Promise<SendResult> {
  const controller = new AbortController()
  const timeout = setTimeout(() => controller.abort(), settings.requestTimeoutMs)
  try {
    let url = settings.url!
    for (let hops = 0; ; hops++) {
      const response = await settings.fetch(url, {
        method: 'POST',
        headers: settings.idempotencyHeader ? { ...settings.headers, [settings.idempotencyHeader]: batch.key } : settings.headers,
        body: payload,
        keepalive,
        signal: controller.signal,
        redirect: 'manual',
      })
      // Free the connection: the answer's body is never read.
      void response.body?.cancel().catch(() => {})
      const next = hops < MAX_REDIRECTS ? followable(response, url) : undefined
      if (next === undefined) return classifyResponse(response)
      url = next
    }
  } catch (error) {
    return { kind: 'unanswered', reason: controller.signal.aborted ? 'timeout' : `network error (${String(error)})` }
  } finally {
    clearTimeout(timeout)
  }
}
