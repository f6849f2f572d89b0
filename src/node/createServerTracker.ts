import type { EventContext, PageInput, Properties, Tracker, TrackerOptions, TrackInput } from '../core.js'
import { createId, createTrackerWith, isId, MAX_ID_LENGTH, validation, type Identity } from '../core/internal.js'
import { createScopeStorage, holdable, release, type RequestScope } from './requestScope.js'

/** A tracker's options, less what only a browser has: storage for its one visitor, and consent banners. */
export type ServerTrackerOptions = Omit<TrackerOptions, 'identityStorage' | 'anonymousId' | 'consent'>

/** Where a request's events come from: whose they are, and what each of them carries. */
export interface ScopeInput {
  /** The signed-in user, if known; `identify()` inside the scope sets it later. */
  userId?: string | (() => string | undefined) | undefined
  /** The visitor's id from the browser (so client and server events join); a new one per scope if not given. */
  anonymousId?: string | undefined
  /** Merged into every event's context: request id, organization, path… */
  context?: Properties | undefined
  /** Hold the scope's events and hand them to the sinks together when `end()` is called (one batch per request). */
  batch?: boolean
}

/**
 * Whose event it is, when the call knows better than the request: a service layer tracks for many
 * users (Lightdash's `analytics.track({ event, userId })`). Each wins over the scope's, for this event only.
 */
export interface EventIdentity {
  userId?: string
  anonymousId?: string
}

/** What a server tracker's `track()` accepts: the app's events, with the call's own ids if it has them. */
export type ServerTrackInput = TrackInput & EventIdentity

/** A tracker for a server: the tracker, plus a scope per request that carries its user. */
export interface ServerTracker extends Omit<Tracker, 'track'> {
  /** Send a `track` event: the request's (inside one), or the call's `userId`/`anonymousId`. */
  track(event: ServerTrackInput, context?: EventContext): void
  /**
   * Runs `run` in a request scope: every event tracked inside it, however deep in awaits and
   * callbacks, carries the scope's ids and context, and no other request's. `trackRequests` opens
   * one per request; call it directly for jobs, queues and other frameworks.
   */
  runInScope<T>(scope: ScopeInput, run: (end: () => void) => T): T
}

/**
 * A tracker for Node servers (seeds 002, 003, 004: edX's `tracker.emit` with its request middleware,
 * Lightdash's service layer). Unlike a browser's, it has no identity of its own to share between
 * users: inside a request scope an event is the request's; outside one it carries the call's
 * `userId`/`anonymousId`, or an anonymous id of its own. With `validate` set, it validates in
 * production too.
 *
 * @example
 * const tracker = createServerTracker({ sinks: [serverHttpSink({ url: process.env.COLLECTOR_URL! })], plan })
 * app.use(trackRequests(tracker, { userId: (request) => request.user?.id }))
 * tracker.track({ name: 'project.created', userId: 'user-1' }) // outside a request: the call says whose
 */
export function createServerTracker(options: ServerTrackerOptions = {}): ServerTracker {
  const storage = createScopeStorage()
  const given = typeof options === 'object' && options !== null ? options : {}
  const wrapped: TrackerOptions = { ...given, identityStorage: false }
  // Each sink can hold a request's events until it ends; what is not a sink is left for the tracker to report.
  if (Array.isArray(given.sinks)) wrapped.sinks = given.sinks.map((sink) => (typeof sink?.send === 'function' ? holdable(sink, storage) : sink))
  const tracker = createTrackerWith(
    wrapped,
    {
      identityOf: (input) => {
        const current = storage.getStore()?.identity ?? { anonymousId: createId() }
        return input === undefined ? current : callersIdentity(input as EventIdentity, current, tracker.log.error)
      },
      productionValidation: validation,
    },
  )

  /** The request's context under the call's: the call knows better. Frozen, so it is read once per request. */
  const withScope = (context: EventContext | undefined): EventContext | undefined => {
    const scoped = storage.getStore()?.context
    if (!scoped) return context
    return context === undefined ? scoped : { ...scoped, ...context }
  }

  const runInScope = <T>(input: ScopeInput, run: (end: () => void) => T): T => {
    const scope: RequestScope = { identity: scopeIdentity(input, tracker.log.error), context: undefined, held: input?.batch ? new Map() : undefined }
    if (input?.context !== undefined) scope.context = Object.freeze({ ...input.context })
    return storage.run(scope, () => run(() => release(scope, tracker.log.error)))
  }

  return Object.create(tracker, {
    track: { value: (input: ServerTrackInput, context?: EventContext) => tracker.track(input, withScope(context)), enumerable: true },
    page: { value: (input: PageInput, context?: EventContext) => tracker.page(input, withScope(context)), enumerable: true },
    runInScope: { value: runInScope, enumerable: true },
  }) as ServerTracker
}

/** The call's own user and anonymous ids over the current ones; one that is not an id is left out, and said. */
function callersIdentity(input: EventIdentity, current: Identity, error: (message: string) => void): Identity {
  const userId = typeof input.userId === 'number' ? String(input.userId) : input.userId
  const anonymousId = input.anonymousId
  if (userId === undefined && anonymousId === undefined) return current
  if ((userId !== undefined && !isId(userId)) || (anonymousId !== undefined && !isId(anonymousId))) {
    error(`track: userId and anonymousId must be strings of 1 to ${MAX_ID_LENGTH} characters; left out`)
  }
  const who: Identity = { anonymousId: isId(anonymousId) ? anonymousId : current.anonymousId }
  if (isId(userId)) who.userId = userId
  else if (current.userId !== undefined) who.userId = current.userId
  return who
}

/** The scope's identity: a user id function is asked at each event, so a later sign-in is seen. */
function scopeIdentity(input: ScopeInput, error: (message: string) => void): Identity {
  const anonymousId = isId(input?.anonymousId) ? input.anonymousId : createId()
  const userIdOf = input?.userId
  // identify() and reset() inside the scope override what the function says, for the rest of the scope.
  let set: string | undefined = isId(userIdOf) ? userIdOf : undefined
  let overridden = typeof userIdOf !== 'function'
  let unread = false
  const read = (): string | undefined => {
    if (overridden) return set
    try {
      const id: unknown = (userIdOf as () => unknown)()
      const normalized = typeof id === 'number' ? String(id) : id
      return isId(normalized) ? normalized : undefined
    } catch (thrown) {
      if (!unread) error(`the request's userId function threw (${String(thrown)}); its events go without a user id`)
      unread = true
      return undefined
    }
  }
  return {
    anonymousId,
    get userId() {
      return read()
    },
    set userId(id: string | undefined) {
      set = id
      overridden = true
    },
  }
}
