import { retryDelay, type RetryOptions } from './retryDelay.js'

export interface RetryPolicy {
  /** How long sending must still wait, in ms (0 when it may go now). */
  waitMs(): number
  /** Consecutive failed requests so far. */
  readonly failures: number
  /** A request failed: the delay before the next attempt (at most `atMostMs`), which `waitMs` now reflects. */
  failed(retryAfterMs: number | undefined, atMostMs?: number): number
  /** Someone is waiting (flush): the next attempt may go now, whatever the backoff said. */
  hurry(): void
  succeeded(): void
  /** The largest batch to send now: halved after a 413, doubled back with each success. */
  readonly batchCap: number
  tooLarge(batchSize: number): void
}

/** The pace of sending after failures: backoff between attempts, and batch sizes after a 413. */
export function createRetryPolicy(retry: Required<RetryOptions>, maxEvents: number): RetryPolicy {
  let failures = 0
  let retryAt = 0
  let batchCap = maxEvents
  return {
    waitMs: () => retryAt - Date.now(),
    get failures() {
      return failures
    },
    failed(retryAfterMs, atMostMs = Infinity) {
      // A Retry-After is the collector's own request: honoured even in a hurry, unlike our backoff.
      const delayMs = Math.max(retryAfterMs ?? 0, Math.min(atMostMs, retryDelay(++failures, retryAfterMs, retry)))
      retryAt = Math.max(retryAt, Date.now() + delayMs)
      return delayMs
    },
    hurry() {
      retryAt = 0
    },
    succeeded() {
      failures = 0
      retryAt = 0
      batchCap = Math.min(maxEvents, batchCap * 2)
    },
    get batchCap() {
      return batchCap
    },
    tooLarge(batchSize) {
      batchCap = Math.max(1, Math.floor(batchSize / 2))
    },
  }
}
