import type { EventContext, FlushOptions, FlushResult, Logger, PageInput, Properties, TrackingListener, TrackInput } from './types.js'

/** What `createTracker` returns: `track`, `page`, `identify`, `reset`, `flush`, `close`, consent and subscriptions. */
export interface Tracker {
  /** Send a `track` event. `context` is merged over the global context (React passes page and section here). */
  track(event: TrackInput, context?: EventContext): void
  /** Send a `page` event; its page becomes `context.page`. */
  page(page: PageInput, context?: EventContext): void
  /**
   * Attach a user id to this and every later event, and send an `identify` event with the traits.
   * On a server (`trackplan/node`) it is the current request's user, never the whole process's.
   */
  identify(userId: string, traits?: Properties, context?: EventContext): void
  /** Forget the user (logout): clears the user id and starts a new anonymous id. */
  reset(): void
  /**
   * Resolves once every sink has delivered what was tracked before the call, or after `timeoutMs`,
   * with what became of it. Queueing sinks retry at once rather than wait out their backoff. Never rejects.
   */
  flush(options?: FlushOptions): Promise<FlushResult>
  /**
   * Flushes, then stops every sink (timers, connections): for a server's shutdown or the end of a
   * script. What is still pending stays where each sink keeps it. Never rejects.
   */
  close(options?: FlushOptions): Promise<FlushResult>
  /** Hear about everything that happens to events. Returns the unsubscribe function. */
  subscribe(listener: TrackingListener): () => void
  /**
   * Grants or denies consent categories (with `consent: 'opt-in'`). A sink does nothing before its
   * category is granted (no vendor script, no stored events sent); granted, its waiting events are
   * delivered; denied, they are dropped, and so is what the sink holds in memory and in storage.
   */
  setConsent(categories: Record<string, boolean>): void
  /** The consent given so far, by category. */
  readonly consent: Readonly<Record<string, boolean>>
  readonly anonymousId: string
  readonly userId: string | undefined
  readonly enabled: boolean
  readonly dryRun: boolean
  readonly log: Logger
}

/**
 * Thrown by tracking calls only with `validate: 'throw'` (tests, strict development setups).
 *
 * @example
 * const tracker = createTracker({ validate: 'throw' })
 * expect(() => tracker.track({ name: 'Bad Name' })).toThrow(TrackingValidationError)
 */
export class TrackingValidationError extends Error {
  override name = 'TrackingValidationError'
}
