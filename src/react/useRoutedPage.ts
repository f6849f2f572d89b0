import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { PageContext, PageType, Properties, RegisteredCategoryName, RegisteredPageName, Tracker } from '../core.js'
import { pageEventContext, pageScope, TrackingContext, type TrackingScope } from './TrackingContext.js'

/** What a route may say about its page events (TanStack Router's `staticData`, react-router's `handle`). */
export interface RouteTracking {
  /** The page name of this route's page events; without it, the route's path template is used. */
  pageName?: string
  pageType?: PageType
  pageCategory?: string
  /**
   * Whether a change of the search params alone is a new page view: true for any change, or the
   * names of the params that make one. The deepest route that says wins; the default is the
   * router component's `trackSearchChanges`.
   */
  trackSearchChanges?: boolean | readonly string[]
  /** Search params copied onto the page event's properties, as `search: { name: value }`. */
  pageSearchParams?: readonly string[]
}

/**
 * The page a router shows, flat so that equal pages compare equal key by key. `view` changes exactly
 * when a new page event is due; every other key but the name, type and category is a property of
 * the page event (`search` as the JSON of the chosen search params).
 */
export interface RoutedPage {
  name: string
  type: PageType
  category?: string
  /** The route's path template. */
  route: string
  /** The path asked for. */
  path: string
  search?: string
  view: string
}

const sameRoutedPage = (a: RoutedPage | undefined, b: RoutedPage | undefined): boolean => {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  const keys = Object.keys(a) as (keyof RoutedPage)[]
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/**
 * What a router integration shares: the last page shown stays in force while the router selects
 * none (a navigation loading), the page is the scope of everything below, and one page event leaves
 * per view, keyed by tracker and view (StrictMode's second effect run, re-renders and revalidations
 * send nothing), from a layout effect, so that it comes before what the route's components track
 * when they mount.
 */
export function useRoutedPage(selected: RoutedPage | undefined): TrackingScope {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const [page, setPage] = useState(selected)
  if (selected && !sameRoutedPage(selected, page)) setPage(selected)

  const scope = useMemo((): TrackingScope => {
    if (!page) return parent
    const context: PageContext = { name: page.name, type: page.type }
    if (page.category !== undefined) context.category = page.category
    return pageScope(parent, context)
  }, [parent, page])

  const sent = useRef<{ tracker: Tracker; view: string } | null>(null)
  useIsomorphicLayoutEffect(() => {
    if (!tracker || !page || (sent.current?.tracker === tracker && sent.current.view === page.view)) return
    sent.current = { tracker, view: page.view }
    const { name, type, category, view: _view, search, ...properties } = page as RoutedPage & Properties
    if (search) properties.search = JSON.parse(search) as unknown
    const input = { name: name as RegisteredPageName, type, properties }
    // Like a <TrackPage>'s, the page event carries the experiments (and section) around the router.
    tracker.page(category === undefined ? input : { ...input, category: category as RegisteredCategoryName }, pageEventContext(parent))
  }, [tracker, page])

  return scope
}
