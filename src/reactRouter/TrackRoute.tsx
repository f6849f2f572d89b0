import { useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { useLocation, useParams } from 'react-router'
import { PageType, type Properties, type RegisteredCategoryName, type RegisteredPageName, type Tracker } from '../core.js'
import { pageEventContext, pageScope, TrackingContext, useShownPage } from '../react/internal.js'

/** The page a declarative `<Route>` element shows. */
export interface TrackRouteProps {
  name: RegisteredPageName
  type?: PageType
  category?: RegisteredCategoryName
  /** More properties of the page event, beside `route` and `path`. */
  properties?: Properties
  children?: ReactNode
}

/** `/todos/7` with `{ id: '7' }` → `/todos/:id`; a splat's rest becomes `*`. */
function templateOf(pathname: string, params: Readonly<Record<string, string | undefined>>): string {
  const { '*': rest, ...named } = params
  let path = rest ? pathname.slice(0, pathname.length - rest.length) + '*' : pathname
  const used = new Set<string>()
  path = path
    .split('/')
    .map((segment) => {
      const key = Object.keys(named).find((name) => !used.has(name) && named[name] !== undefined && encodeURIComponent(named[name]!) === segment)
      if (key === undefined) return segment
      used.add(key)
      return `:${key}`
    })
    .join('/')
  return path
}

/**
 * For declarative `<Routes>` (no data router): wrap a `<Route>` element to make it a page. One page
 * event per view, with `properties: { route, path }` (`route` is the path template, rebuilt from the
 * params); a change of params is a new view, with no remount. The event leaves once the view has
 * settled: a `<Navigate>` that the page renders sends the user on before it counts.
 *
 * @example
 * <Route path="/todos/:id" element={<TrackRoute name={PageName.TODO}><Todo /></TrackRoute>} />
 */
export function TrackRoute({ name, type = PageType.PAGE, category, properties, children }: TrackRouteProps): ReactNode {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const { pathname } = useLocation()
  const params = useParams()
  const page = useMemo(() => (category === undefined ? { name, type } : { name, type, category }), [name, type, category])
  const scope = useMemo(() => pageScope(parent, page), [parent.tracker, parent.experiments, page])
  const view = `${name} ${pathname}`
  const route = templateOf(pathname, params)

  const sent = useRef<{ tracker: Tracker; view: string } | null>(null)
  useEffect(() => {
    if (!tracker || (sent.current?.tracker === tracker && sent.current.view === view)) return
    // After this task: a navigation started while the view mounted (a <Navigate>) unmounts it first.
    const timer = setTimeout(() => {
      sent.current = { tracker, view }
      tracker.page({ ...page, properties: { ...properties, route, path: pathname } }, pageEventContext(parent))
    }, 0)
    return () => clearTimeout(timer)
  }, [tracker, view])

  // The page shown, for what the layout around the routes tracks.
  useShownPage(parent.shown, page)

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
