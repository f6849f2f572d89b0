import { useMatch, useRouterState } from '@tanstack/react-router'
import type { JSX, ReactNode } from 'react'
import type { PageType, RegisteredCategoryName, RegisteredPageName } from '../core.js'
import { TrackingContext, useRoutedPage } from '../react/internal.js'
import { selectRoutePage, type RoutePage, type RouterStateLike } from './selectRoutePage.js'

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
  const scope = useRoutedPage(selected)

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
