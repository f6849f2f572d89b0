/**
 * Remembers event ids, so that what at-least-once delivery sends twice (a retry whose answer was
 * lost, a page killed after its request arrived) is stored once.
 */
export interface Dedupe {
  /** For each id, whether it is new (and now remembered). Rejects when it cannot tell: the request is answered 503. */
  claim(ids: readonly string[]): Promise<boolean[]>
  /** Forgets ids claimed for events that could not be stored after all, so that their retry is accepted. */
  release(ids: readonly string[]): Promise<void>
  /** Lets go of what the check holds (a Redis connection). */
  close?(): void | Promise<void>
}

/** How long and how many ids `memoryDedupe` remembers. */
export interface MemoryDedupeOptions {
  /** How long an id is remembered. Default 24 h. */
  windowMs?: number
  /** At most this many ids are remembered; the oldest are forgotten first. Default 1,000,000. */
  maxIds?: number
}

/** Ids remembered in this process, bounded in number and time: the default for one collector. */
export function memoryDedupe(options: MemoryDedupeOptions = {}): Dedupe {
  const windowMs = options.windowMs ?? 24 * 60 * 60 * 1000
  const maxIds = options.maxIds ?? 1_000_000
  // Insertion order is age order: the oldest are at the front.
  const seen = new Map<string, number>()
  const forgetOld = (now: number): void => {
    for (const [id, at] of seen) {
      if (seen.size <= maxIds && at > now - windowMs) break
      seen.delete(id)
    }
  }
  return {
    claim(ids) {
      const now = Date.now()
      forgetOld(now)
      return Promise.resolve(
        ids.map((id) => {
          const at = seen.get(id)
          if (at !== undefined && at > now - windowMs) return false
          seen.set(id, now)
          return true
        }),
      )
    },
    release(ids) {
      for (const id of ids) seen.delete(id)
      return Promise.resolve()
    },
  }
}

/** No memory of ids: for a store whose unique key drops what it holds already (a database). Ids sent twice in one request are still stored once. */
export function noDedupe(): Dedupe {
  return {
    claim: (ids) => Promise.resolve(ids.map(() => true)),
    release: () => Promise.resolve(),
  }
}
