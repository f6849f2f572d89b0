import { useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { PageType, type Properties, type RegisteredCategoryName, type RegisteredPageName, type Tracker } from '../core.js'
import { pageEventContext, pageScope, TrackingContext } from './TrackingContext.js'
import { useShownPage } from './useShownPage.js'

/** The page (or modal) the children are on, and what its page event carries. */
export interface TrackPageProps {
  name: RegisteredPageName
  /** Default `PageType.PAGE`; modals use `PageType.MODAL`. */
  type?: PageType
  category?: RegisteredCategoryName
  /** Properties of the page event. Changing them does not send another page event. */
  properties?: Properties
  /**
   * A new value starts a new page view under the same name, without remounting: the path of a route
   * whose params changed (`view={location.pathname}`), say.
   */
  view?: string
  children?: ReactNode
}

/**
 * Sends one page event when it mounts and again only when `name` or `view` changes (once under StrictMode too),
 * and makes the page the context of every event tracked inside. Sections start afresh inside a page.
 *
 * @example
 * <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
 *   <OrganizationPanel />
 * </TrackPage>
 */
export function TrackPage({ name, type = PageType.PAGE, category, properties, view = '', children }: TrackPageProps): ReactNode {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const page = useMemo(() => (category === undefined ? { name, type } : { name, type, category }), [name, type, category])
  const scope = useMemo(() => pageScope(parent, page), [parent.tracker, parent.experiments, page])

  // StrictMode runs effects twice on one instance but keeps its refs: this ref is what keeps it to one event.
  const sent = useRef<{ tracker: Tracker; name: string; view: string } | null>(null)
  useEffect(() => {
    if (!tracker || (sent.current?.tracker === tracker && sent.current.name === name && sent.current.view === view)) return
    sent.current = { tracker, name, view }
    tracker.page(properties === undefined ? page : { ...page, properties }, pageEventContext(parent))
    // Only a new name or view (or tracker) is a new page view; type, category and properties ride along with it.
  }, [tracker, name, view])
  // The page shown, for what the layout around the pages tracks; the one before it again once this one goes.
  useShownPage(parent.shown, page)

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
