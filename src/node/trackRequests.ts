import type { Properties } from '../core.js'
import type { ServerTracker } from './createServerTracker.js'

/** What a request looks like to the middleware: Node's `IncomingMessage`, Express's and Fastify's requests. */
export interface RequestLike {
  headers: Record<string, string | string[] | undefined>
}

/** What a response looks like: Node's `ServerResponse` (Express's is one), or Fastify's reply (`raw`). */
export type ResponseLike =
  | {
      /** Calls `listener` once the response is sent or its connection closes. */
      once(event: 'close' | 'finish', listener: () => void): unknown
    }
  | {
      raw: {
        /** Calls `listener` once the response is sent or its connection closes. */
        once(event: 'close' | 'finish', listener: () => void): unknown
      }
    }

/** How `trackRequests` finds each request's user and anonymous id, what context it adds, and whether its events leave together. */
export interface TrackRequestsOptions<Request extends RequestLike = RequestLike> {
  /**
   * The signed-in user, asked each time an event is tracked, so that authentication that runs after
   * this middleware is seen (`(request) => request.user?.id`).
   */
  userId?: (request: Request) => string | undefined
  /**
   * The header carrying the browser's anonymous id (`tracker.anonymousId` in the app, sent with its
   * API calls), so that one visitor's client and server events join. Default "x-anonymous-id".
   */
  anonymousIdHeader?: string
  /** Merged into the context of every event of the request: request id, organization, route… */
  context?: (request: Request) => Properties | undefined
  /** Hold the request's events and send them together when its response ends (the GDQ tracker). Default false. */
  batch?: boolean
}

/**
 * The request scope as middleware (edX's TrackMiddleware): every event tracked while the request is
 * handled carries its user, anonymous id and context. One function for every Node framework:
 *
 * @example
 * app.use(express.json()) // body parsers first: they resume the request outside its scope
 * app.use(trackRequests(tracker, { userId: (request) => request.user?.id }))
 * fastify.addHook('preHandler', trackRequests(tracker)) // after Fastify parsed the body
 * http.createServer((request, response) => handle(request, response, () => app(request, response)))
 */
export function trackRequests<Request extends RequestLike>(tracker: ServerTracker, options: TrackRequestsOptions<Request> = {}) {
  const header = (typeof options.anonymousIdHeader === 'string' ? options.anonymousIdHeader : 'x-anonymous-id').toLowerCase()
  return (request: Request, response: ResponseLike, next: () => void): void => {
    const given = request.headers?.[header]
    let context: Properties | undefined
    try {
      context = options.context?.(request)
    } catch (error) {
      tracker.log.error(`trackRequests: the context function threw (${String(error)}); the request's events go without it`)
    }
    const userId = options.userId
    tracker.runInScope(
      {
        anonymousId: typeof given === 'string' ? given : undefined,
        userId: userId && (() => userId(request)),
        context,
        batch: options.batch === true,
      },
      (end) => {
        const raw = 'raw' in response ? response.raw : response
        raw.once('finish', end)
        raw.once('close', end)
        next()
      },
    )
  }
}
