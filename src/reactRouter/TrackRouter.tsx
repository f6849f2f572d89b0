import { useMemo, useSyncExternalStore, type JSX, type ReactNode } from 'react'
import type { PageType, RegisteredCategoryName, RegisteredPageName } from '../core.js'
import { TrackingContext, useRoutedPage } from '../react/internal.js'
import { selectRouterPage, type RouterStateLike } from './selectRouterPage.js'

/** A react-router data router (`createBrowserRouter`, `createMemoryRouter`…), as far as pages are read from it. */
export interface DataRouterLike {
  readonly state: RouterStateLike
  subscribe(listener: (state: RouterStateLike) => void): () => void
}

/** The router to follow, which search-param changes start a new view, and the names of not-found and error views. */
export interface TrackRouterProps {
  router: DataRouterLike
  children?: ReactNode
  /** Whether a change of the search params alone is a new page view, for routes whose `handle` does not say. Default false. */
  trackSearchChanges?: boolean
  /** The page name of not-found views: no route matched, or a loader threw a 404. Default `'not_found'`. */
  notFoundPageName?: RegisteredPageName
  /** The page name of error views: a loader or action threw. Default `'error'`. */
  errorPageName?: RegisteredPageName
}

/** What a route's `handle` says about its page, typed with the registered names (see `pageHandle`). */
export interface PageHandle {
  pageName?: RegisteredPageName
  pageType?: PageType
  pageCategory?: RegisteredCategoryName
  trackSearchChanges?: boolean | readonly string[]
  pageSearchParams?: readonly string[]
}

/**
 * A route's `handle`, checked against the registered page names: react-router types `handle` as
 * anything, so a misspelled name would compile without it.
 *
 * @example
 * { path: 'projects/:projectId', handle: pageHandle({ pageName: PageName.PROJECT }), Component: Project }
 */
export const pageHandle = <Handle extends PageHandle>(handle: Handle): Handle => handle

/**
 * Sends one page event for each view of a react-router data router the user sees, once its loaders
 * are done (never while they are pending, and never for a navigation a redirect or a newer one
 * replaced), named by the deepest route's `handle.pageName` or by its path template
 * (`/projects/:projectId`), never by a URL with ids in it. Not-found and error views are pages too.
 * Render it around `<RouterProvider>`: every layout, page and error element is inside its page.
 *
 * @example
 * const router = createBrowserRouter(routes)
 * <TrackingProvider tracker={tracker}>
 *   <TrackRouter router={router}><RouterProvider router={router} /></TrackRouter>
 * </TrackingProvider>
 */
export function TrackRouter({ router, children, trackSearchChanges = false, notFoundPageName = 'not_found' as RegisteredPageName, errorPageName = 'error' as RegisteredPageName }: TrackRouterProps): JSX.Element {
  const state = useSyncExternalStore(
    (listener) => router.subscribe(listener),
    () => router.state,
    () => router.state,
  )
  const selected = useMemo(() => selectRouterPage(state, { trackSearchChanges, notFoundPageName, errorPageName }), [state, trackSearchChanges, notFoundPageName, errorPageName])
  // While a navigation loads there is no selection: the last page shown stays in force.
  const scope = useRoutedPage(selected)

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
