import type { Batch } from './batches.js'
import { classifyResponse, type Outcome } from './classifyResponse.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'

/** What became of a request: the collector's answer, or `unanswered` (a network error or the timeout). */
export type SendResult = Outcome | { kind: 'unanswered'; reason: string }

/**
 * One POST of one batch to the collector, abandoned after `requestTimeoutMs`. Never throws: a
 * failure is a result. A redirect is reported, never followed (see `classifyResponse`).
 */
export async function sendBatch(settings: HttpSinkSettings, batch: Batch, payload: string, keepalive: boolean): Promise<SendResult> {
  const controller = new AbortController()
  const timeout = setTimeout(() => controller.abort(), settings.requestTimeoutMs)
  try {
    const response = await settings.fetch(settings.url!, {
      method: 'POST',
      headers: settings.idempotencyHeader ? { ...settings.headers, [settings.idempotencyHeader]: batch.key } : settings.headers,
      body: payload,
      keepalive,
      signal: controller.signal,
      redirect: 'manual',
    })
    // Free the connection: the answer's body is never read.
    void response.body?.cancel().catch(() => {})
    return classifyResponse(response)
  } catch (error) {
    return { kind: 'unanswered', reason: controller.signal.aborted ? 'timeout' : `network error (${String(error)})` }
  } finally {
    clearTimeout(timeout)
  }
}
