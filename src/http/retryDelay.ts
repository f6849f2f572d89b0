/** The pace of retries: the first delay, its cap, and how old an event may get. */
export interface RetryOptions {
  /** First delay; doubles with each failure in a row. Default 1000. */
  baseDelayMs?: number
  /** Cap on the doubling: after an outage of any length, delivery resumes within this long of the collector answering again (2 to 4 s with the jitter). Default 4000. */
  maxDelayMs?: number
  /** An event still undelivered this long after it was tracked is dropped and reported. Default 7 days. */
  maxAgeMs?: number
}

const MAX_RETRY_AFTER_MS = 60 * 60 * 1000

/** Milliseconds asked for by a Retry-After header (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined
}

/**
 * Capped exponential backoff with "equal jitter" (half fixed, half random), so that many clients
 * that failed together do not come back together. A Retry-After from the server can make the wait
 * longer, never shorter: `Retry-After: 0`, a negative value or a date in the past would otherwise
 * retry at once, as fast as the collector can refuse.
 */
export function retryDelay(
  failures: number,
  retryAfterMs: number | undefined,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failures - 1))
  return Math.max(retryAfterMs ?? 0, Math.round(ceiling / 2 + (random() * ceiling) / 2))
}
