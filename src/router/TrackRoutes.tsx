import { useRouterState } from '@tanstack/react-router'
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, type JSX, type ReactNode } from 'react'
import { PageType, type PageContext, type PageInput, type RegisteredCategoryName, type RegisteredPageName, type Tracker } from '../core.js'
import { pageEventContext, pageScope, TrackingContext, type TrackingScope } from '../react/TrackingContext.js'

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page name of this route's page events; without it, the route's path template is used. */
    pageName?: RegisteredPageName
    pageType?: PageType
    pageCategory?: RegisteredCategoryName
  }
}

export interface TrackRoutesProps {
  children?: ReactNode
  /** Send a new page event when only the search params change. Default false. */
  trackSearchChanges?: boolean
}

interface RoutePage extends PageContext {
  /** Changes exactly when a new page event is due. */
  view: string
  route: string
  path: string
}

interface MatchLike {
  fullPath: string
  pathname: string
  status: string
  staticData?: { pageName?: string; pageType?: PageType; pageCategory?: string }
}

interface RouterStateLike {
  location: { pathname: string; href: string }
  matches: MatchLike[]
}

const trimSlash = (path: string): string => path.replace(/(.)\/+$/, '$1')

/**
 * The page of the matches being rendered for the current location, as one string so that the
 * router state selector stays cheap; undefined while the matches are still the previous page's,
 * or the new ones are loading or redirecting.
 */
function selectRoutePage(state: RouterStateLike, trackSearchChanges: boolean): string | undefined {
  const location = state.location
  const leaf = state.matches.at(-1)
  if (!leaf || leaf.status === 'pending' || leaf.status === 'redirected') return undefined
  if (trimSlash(leaf.pathname) !== trimSlash(location.pathname)) return undefined
  let named: MatchLike | undefined
  for (const match of state.matches) if (match.staticData?.pageName) named = match
  const page: RoutePage = {
    name: named?.staticData?.pageName ?? leaf.fullPath,
    type: named?.staticData?.pageType ?? PageType.PAGE,
    view: trackSearchChanges ? location.href : location.pathname,
    route: leaf.fullPath,
    path: location.pathname,
  }
  const category = named?.staticData?.pageCategory
  if (category !== undefined) page.category = category
  return JSON.stringify(page)
}

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * Sends one page event per navigation of a TanStack Router, named by the route's
 * `staticData.pageName` (or its path template, never the URL with ids in it), and makes that page
 * the context of everything tracked under it. Use it as the router's `InnerWrap`, or wrap the
 * root route's `<Outlet />` in it.
 *
 * @example
 * const postRoute = createRoute({ getParentRoute: () => rootRoute, path: '/posts/$postId', staticData: { pageName: PageName.POST } })
 * const router = createRouter({ routeTree, InnerWrap: TrackRoutes })
 */
export function TrackRoutes({ children, trackSearchChanges = false }: TrackRoutesProps): JSX.Element {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const settled = useRef('')
  const selected = useRouterState({
    select: (state) => (settled.current = selectRoutePage(state as unknown as RouterStateLike, trackSearchChanges) ?? settled.current),
  })
  const page = useMemo(() => (selected ? (JSON.parse(selected) as RoutePage) : undefined), [selected])

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
    const { view: _view, route, path, name, ...context } = page
    // The name is the route's registered pageName, or its path template for routes without one.
    // Like a <TrackPage>'s, the page event carries the experiments (and section) around the router.
    tracker.page({ ...context, name: name as RegisteredPageName, properties: { route, path } } as PageInput, pageEventContext(parent))
  }, [tracker, page])

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
