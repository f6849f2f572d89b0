import { useContext, useMemo } from 'react'
import type { EventContext, FlushOptions, FlushResult, PageContext, PageInput, Properties, Tracker, TrackInput } from '../core.js'
import { warnIfSectionLost } from './scopeAtEventTarget.js'
import { pageEventContext, scopeContext, TrackingContext, type TrackingScope } from './TrackingContext.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

/** What `useTracking` returns: the tracker's calls, with the page and section around the component. */
export interface TrackingApi {
  /** Track an event with the nearest page and section as context. */
  track(event: TrackInput): void
  /** Send a page event inside the nearest section. Most pages use `<TrackPage>` instead. */
  page(page: PageInput): void
  /** Names the user: their id rides on every later event. */
  identify(userId: string, traits?: Properties): void
  /** Forgets the user and starts a new anonymous id (on logout). */
  reset(): void
  /** Resolves once what is queued is delivered, or after the timeout. */
  flush(options?: FlushOptions): Promise<FlushResult>
}

let warnedNoProvider = false
const nothing: FlushResult = { delivered: 0, dropped: 0, pending: 0 }
const noTracking: TrackingApi = {
  track: () => {},
  page: () => {},
  identify: () => {},
  reset: () => {},
  flush: () => Promise.resolve(nothing),
}

function bind(tracker: Tracker, scope: TrackingScope): TrackingApi {
  const development = process.env.NODE_ENV !== 'production'
  const own = scopeContext(scope)
  const { shown } = scope
  // Outside any page, the context carries the page shown now; one frozen context per page shown.
  let seen: PageContext | undefined
  let seenContext = own
  const contextNow = (): EventContext | undefined => {
    if (!shown || shown.page === seen) return seenContext
    seen = shown.page
    return (seenContext = scopeContext({ ...scope, page: seen }))
  }
  const pageContext = pageEventContext(scope)
  return {
    track: (event) => {
      if (development) {
        try {
          warnIfSectionLost(scope, event.name)
        } catch {
          // not even an object with a name: the tracker reports it
        }
      }
      tracker.track(event, contextNow())
    },
    page: (page) => tracker.page(page, pageContext),
    identify: (userId, traits) => tracker.identify(userId, traits, contextNow()),
    reset: tracker.reset,
    flush: tracker.flush,
  }
}

/**
 * The tracking functions for this place in the tree, each with a stable identity.
 * Outside a `TrackingProvider` they do nothing (and warn once in development),
 * so components still render in isolation.
 *
 * @example
 * const { track } = useTracking()
 * const onClick = useCallback(() => track({ name: EventName.RUN_QUERY_BUTTON_CLICKED }), [track])
 */
export function useTracking(): TrackingApi {
  const scope = useContext(TrackingContext)
  const tracker = scope.tracker
  if (process.env.NODE_ENV !== 'production' && !tracker && !warnedNoProvider) {
    warnedNoProvider = true
    console.warn('[trackplan] useTracking() was called outside a <TrackingProvider>; its events go nowhere.')
  }
  return useMemo(() => (tracker ? bind(tracker, scope) : noTracking), [tracker, scope])
}

/**
 * The tracker from the nearest `TrackingProvider`, or null outside one.
 *
 * @example
 * const tracker = useTracker()
 * useEffect(() => tracker?.subscribe(console.log), [tracker])
 */
export function useTracker(): Tracker | null {
  return useContext(TrackingContext).tracker
}
