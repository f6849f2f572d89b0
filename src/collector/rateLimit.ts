/** How many requests one client address may make: `perSecond` on average, `burst` at once. */
export interface RateLimitOptions {
  /** Default 100: a browser sends a batch every few seconds, a busy server tens a second. */
  perSecond?: number
  /** Default twice `perSecond`. */
  burst?: number
}

/** For each client address, whether its request is taken now, or in how many seconds to come back. */
export type RateLimit = (client: string, nowMs: number) => { retryAfterSeconds: number } | undefined

/** Addresses remembered at most; beyond it the fullest buckets are forgotten, so a flood from many addresses costs bounded memory. */
const maxClients = 10_000

/**
 * A token bucket per client address: each request takes a token, tokens come back at `perSecond`.
 * A client out of tokens is told when one will be there (429 with Retry-After).
 */
export function rateLimit(options: RateLimitOptions = {}): RateLimit {
  const perSecond = options.perSecond ?? 100
  const burst = options.burst ?? perSecond * 2
  if (!(perSecond > 0) || !(burst >= 1)) throw new TypeError(`rateLimit: perSecond must be above 0 and burst at least 1, got ${perSecond} and ${burst}`)
  const buckets = new Map<string, { tokens: number; atMs: number }>()
  return (client, nowMs) => {
    let bucket = buckets.get(client)
    if (bucket === undefined) {
      if (buckets.size >= maxClients) forgetFullest(buckets, nowMs, perSecond, burst)
      bucket = { tokens: burst, atMs: nowMs }
      buckets.set(client, bucket)
    }
    bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.atMs) / 1000) * perSecond)
    bucket.atMs = nowMs
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return undefined
    }
    return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) }
  }
}

/** Drops the buckets that are full again (their clients are not flooding), or half of them if none is. */
function forgetFullest(buckets: Map<string, { tokens: number; atMs: number }>, nowMs: number, perSecond: number, burst: number): void {
  for (const [client, { tokens, atMs }] of buckets) {
    if (tokens + ((nowMs - atMs) / 1000) * perSecond >= burst) buckets.delete(client)
  }
  if (buckets.size < maxClients) return
  let index = 0
  for (const client of buckets.keys()) if (index++ % 2 === 0) buckets.delete(client)
}
