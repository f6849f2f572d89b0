import { PageType } from '../core.js'
import type { RoutedPage, RouteTracking } from '../react/useRoutedPage.js'

/** What a route may say about its page events, in `handle`. */
export type RouteHandleTracking = RouteTracking

interface MatchLike {
  pathname: string
  route: { id: string; path?: string; index?: boolean; handle?: unknown }
}

/** The parts of react-router's `router.state` a page is read from. */
export interface RouterStateLike {
  initialized: boolean
  navigation: { state: string }
  location: { pathname: string; search: string }
  matches: readonly MatchLike[]
  errors: Record<string, unknown> | null
}

export interface RouterPageOptions {
  trackSearchChanges: boolean
  notFoundPageName: string
  errorPageName: string
}

/** A react-router page; `status` is set on not-found views (no route matched, or a loader threw a 404) and error views. */
export interface RouterPage extends RoutedPage {
  status?: number | 'error'
}

const tracking = (match: MatchLike): RouteHandleTracking | undefined => {
  const handle = match.route.handle
  return typeof handle === 'object' && handle !== null ? (handle as RouteHandleTracking) : undefined
}

function deepest<Key extends keyof RouteHandleTracking>(matches: readonly MatchLike[], key: Key): RouteHandleTracking[Key] | undefined {
  let value: RouteHandleTracking[Key] | undefined
  for (const match of matches) {
    const said = tracking(match)?.[key]
    if (said !== undefined) value = said
  }
  return value
}

/** The route's path template, from the matched routes' own paths (`/projects/:projectId`). */
export function pathTemplate(matches: readonly MatchLike[]): string {
  let template = ''
  for (const { route } of matches) {
    if (!route.path) continue
    template = route.path.startsWith('/') ? route.path : `${template.replace(/\/$/, '')}/${route.path}`
  }
  return template === '' ? '/' : template
}

function pick(search: URLSearchParams, names: readonly string[]): Record<string, string> | undefined {
  const picked: Record<string, string> = {}
  let any = false
  for (const name of names) {
    const value = search.get(name)
    if (value !== null) {
      picked[name] = value
      any = true
    }
  }
  return any ? picked : undefined
}

/** The HTTP status of a route error response (a 404 when no route matched, or one a loader threw), or 'error' for anything else thrown. */
const statusOf = (error: unknown): number | 'error' => {
  const response = error as { status?: unknown; statusText?: unknown } | null
  return typeof response?.status === 'number' && typeof response.statusText === 'string' ? response.status : 'error'
}

/**
 * The page of the view the user sees, or undefined while there is none yet: before the first load
 * finishes, and while a navigation loads (its location is not shown until its loaders are done; a
 * redirect or a newer navigation replaces it before it is).
 */
export function selectRouterPage(state: RouterStateLike, options: RouterPageOptions): RouterPage | undefined {
  if (!state.initialized || state.navigation.state !== 'idle') return undefined
  const { location, matches } = state
  const search = new URLSearchParams(location.search)
  const route = pathTemplate(matches)
  const errors = state.errors ? Object.values(state.errors) : []
  if (errors.length > 0) {
    const status = statusOf(errors[0])
    const name = status === 404 ? options.notFoundPageName : options.errorPageName
    return { name, type: PageType.PAGE, route, path: location.pathname, status, view: `${name} ${location.pathname}` }
  }
  let named: string | undefined
  for (const match of matches) named = tracking(match)?.pageName ?? named
  const page: RouterPage = { name: named ?? route, type: deepest(matches, 'pageType') ?? PageType.PAGE, route, path: location.pathname, view: location.pathname }
  const category = deepest(matches, 'pageCategory')
  if (category !== undefined) page.category = category
  const shown = pick(search, deepest(matches, 'pageSearchParams') ?? [])
  if (shown) page.search = JSON.stringify(shown)
  const changes = deepest(matches, 'trackSearchChanges') ?? options.trackSearchChanges
  if (changes === true) page.view += `?${[...search].sort().join('&')}`
  else if (changes) page.view += `?${JSON.stringify(pick(search, changes) ?? {})}`
  return page
}
