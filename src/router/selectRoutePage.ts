import { PageType } from '../core.js'
import type { RoutedPage, RouteTracking } from '../react/useRoutedPage.js'

interface MatchLike {
  fullPath: string
  pathname: string
  status: string
  /** The match that shows the not-found view of a path no route matched (`_notFound` in newer versions). */
  globalNotFound?: boolean
  _notFound?: boolean
  staticData?: RouteTracking
}

export interface RouterStateLike {
  isLoading: boolean
  location: { pathname: string; search?: unknown }
  matches: readonly MatchLike[]
}

export interface RouteOptions {
  trackSearchChanges: boolean
  notFoundPageName: string
}

/** A TanStack Router page; `notFound` is set on not-found views: no route matched the path, or the route threw `notFound()`. */
export interface RoutePage extends RoutedPage {
  notFound?: 'unmatched' | 'route'
}

/** Search params as a plain record (TanStack Router parses them into `location.search`). */
const searchOf = (location: { search?: unknown }): Record<string, unknown> =>
  typeof location.search === 'object' && location.search !== null ? (location.search as Record<string, unknown>) : {}

function pick(search: Record<string, unknown>, names: readonly string[]): Record<string, unknown> | undefined {
  const picked: Record<string, unknown> = {}
  let any = false
  for (const name of names) {
    if (Object.hasOwn(search, name) && search[name] !== undefined) {
      picked[name] = search[name]
      any = true
    }
  }
  return any ? picked : undefined
}

/** The deepest route's say on `key`, or undefined where none says. */
function deepest<Key extends keyof RouteTracking>(matches: readonly MatchLike[], key: Key): RouteTracking[Key] | undefined {
  let value: RouteTracking[Key] | undefined
  for (const match of matches) if (match.staticData?.[key] !== undefined) value = match.staticData[key]
  return value
}

const trimSlash = (path: string): string => path.replace(/(.)\/+$/, '$1')
const unmatched = (match: MatchLike): boolean => match.globalNotFound === true || match._notFound === true

/**
 * The page of the view the user sees, or undefined while it is not yet the location's: loading,
 * showing a pending component, redirecting, or still showing the previous location's matches.
 *
 * The router renders a navigation's matches before it stops loading, and a route's page event must
 * come before the events of what that route renders: so a view counts as soon as its matches are the
 * location's. The matches of a not-found view do not end at the location's path, which is why the
 * previous not-found view's matches can pass for a new location's: not-found views count only once
 * the router has stopped loading.
 */
export function selectRoutePage(state: RouterStateLike, options: RouteOptions): RoutePage | undefined {
  const { location, matches } = state
  const leaf = matches[matches.length - 1]
  if (!leaf || matches.some((match) => match.status === 'pending' || match.status === 'redirected')) return undefined
  const search = searchOf(location)

  const notFound = matches.find(unmatched) ?? (matches.some((match) => match.status === 'notFound') ? leaf : undefined)
  if (notFound) {
    if (state.isLoading) return undefined
    return {
      name: options.notFoundPageName,
      type: PageType.PAGE,
      route: notFound.fullPath,
      path: location.pathname,
      notFound: unmatched(notFound) ? 'unmatched' : 'route',
      view: `${options.notFoundPageName} ${location.pathname}`,
    }
  }
  if (trimSlash(leaf.pathname) !== trimSlash(location.pathname)) return undefined

  let named: MatchLike | undefined
  for (const match of matches) if (match.staticData?.pageName) named = match
  // Type and category: the deepest route that says, so a layout's category covers the pages in it.
  const page: RoutePage = {
    name: named?.staticData?.pageName ?? leaf.fullPath,
    type: deepest(matches, 'pageType') ?? PageType.PAGE,
    route: leaf.fullPath,
    path: location.pathname,
    view: location.pathname,
  }
  const category = deepest(matches, 'pageCategory')
  if (category !== undefined) page.category = category
  const shown = pick(search, deepest(matches, 'pageSearchParams') ?? [])
  if (shown) page.search = JSON.stringify(shown)
  const changes = deepest(matches, 'trackSearchChanges') ?? options.trackSearchChanges
  if (changes === true) page.view += `?${JSON.stringify(search)}`
  else if (changes) page.view += `?${JSON.stringify(pick(search, changes) ?? {})}`
  return page
}
