import { useMatch, useRouterState } from '@tanstack/react-router'
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX, type ReactNode } from 'react'
import { PageType, type PageContext, type PageInput, type Properties, type RegisteredCategoryName, type RegisteredPageName, type Tracker } from '../core.js'
import { pageEventContext, pageScope, TrackingContext, type TrackingScope } from '../react/internal.js'
import { samePage, selectRoutePage, type RoutePage, type RouterStateLike } from './selectRoutePage.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page name of this route's page events; without it, the route's path template is used. */
    pageName?: RegisteredPageName
    pageType?: PageType
    pageCategory?: RegisteredCategoryName
    /** Whether a change of the search params alone is a new page view: true, or the names of the params that make one. */
    trackSearchChanges?: boolean | readonly string[]
    /** Search params copied onto the page event's properties, as `search: { name: value }`. */
    pageSearchParams?: readonly string[]
  }
}

/** Which search-param changes start a new page view, and the name of the not-found page. */
export interface TrackRoutesProps {
  children?: ReactNode
  /** Whether a change of the search params alone is a new page view, for routes whose `staticData` does not say. Default false. */
  trackSearchChanges?: boolean
  /** The page name of not-found views: no route matched, or a route threw `notFound()`. Default `'not_found'`. */
  notFoundPageName?: RegisteredPageName
}

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

function pageEvent({ name, type, category, route, path, notFound, search }: RoutePage): PageInput {
  const properties: Properties = { route, path }
  if (notFound) properties.notFound = notFound
  if (search) properties.search = JSON.parse(search) as unknown
  const input: PageInput = { name: name as RegisteredPageName, type, properties }
  if (category !== undefined) input.category = category as RegisteredCategoryName
  return input
}

let warnedInsideRoute = false

/**
 * Sends one page event for each view of a TanStack Router the user sees, once its navigation has
 * settled (never while pending, redirecting or interrupted), named by the route's
 * `staticData.pageName` (or its path template, never the URL with ids in it); not-found views are
 * pages too (`not_found`, with the path asked for). The page is the context of everything tracked
 * under it. Use it as the router's `InnerWrap`, so the root layout is inside it too.
 *
 * @example
 * const postRoute = createRoute({ getParentRoute: () => rootRoute, path: '/posts/$postId', staticData: { pageName: PageName.POST } })
 * const router = createRouter({ routeTree, InnerWrap: TrackRoutes })
 */
export function TrackRoutes({ children, trackSearchChanges = false, notFoundPageName = 'not_found' as RegisteredPageName }: TrackRoutesProps): JSX.Element {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const insideRoute = useMatch({ strict: false, shouldThrow: false }) !== undefined
  if (process.env.NODE_ENV !== 'production' && insideRoute && !warnedInsideRoute) {
    warnedInsideRoute = true
    console.warn('[trackplan] <TrackRoutes> is rendered inside a route: what the layouts above it track carries no page. Pass it as the router\'s InnerWrap instead: createRouter({ routeTree, InnerWrap: TrackRoutes }).')
  }

  const selected = useRouterState({
    select: (state: unknown) => selectRoutePage(state as unknown as RouterStateLike, { trackSearchChanges, notFoundPageName }),
    structuralSharing: true,
  } as never) as RoutePage | undefined
  // Between settled navigations the selection is undefined: the last settled page stays in force.
  const [page, setPage] = useState(selected)
  if (selected && !samePage(selected, page)) setPage(selected)

  const scope = useMemo((): TrackingScope => {
    if (!page) return parent
    const context: PageContext = { name: page.name, type: page.type }
    if (page.category !== undefined) context.category = page.category
    return pageScope(parent, context)
  }, [parent, page])

  // Keyed by tracker and view: StrictMode's second effect run, re-renders and invalidate() send nothing.
  // A layout effect, so that the route's page event comes before those of pages and mounts inside it.
  const sent = useRef<{ tracker: Tracker; view: string } | null>(null)
  useIsomorphicLayoutEffect(() => {
    if (!tracker || !page || (sent.current?.tracker === tracker && sent.current.view === page.view)) return
    sent.current = { tracker, view: page.view }
    // Like a <TrackPage>'s, the page event carries the experiments (and section) around the router.
    tracker.page(pageEvent(page), pageEventContext(parent))
  }, [tracker, page])

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
