import { useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { PageType, type PageContext, type Properties, type RegisteredCategoryName, type RegisteredPageName, type Tracker } from '../core.js'
import { TrackingContext, type TrackingScope } from './TrackingContext.js'
import { scopeContext } from './useTracking.js'

export interface TrackPageProps {
  name: RegisteredPageName
  /** Default `PageType.PAGE`; modals use `PageType.MODAL`. */
  type?: PageType
  category?: RegisteredCategoryName
  /** Properties of the page event. Changing them does not send another page event. */
  properties?: Properties
  children?: ReactNode
}

/** The section and experiments around a page: the context of its page event. */
const parentPlace = ({ section, experiments }: TrackingScope): Omit<TrackingScope, 'tracker' | 'page'> => ({
  ...(section ? { section } : {}),
  ...(experiments ? { experiments } : {}),
})

/**
 * Sends one page event when it mounts and again only when `name` changes (once under StrictMode too),
 * and makes the page the context of every event tracked inside. Sections start afresh inside a page.
 *
 * @example
 * <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
 *   <OrganizationPanel />
 * </TrackPage>
 */
export function TrackPage({ name, type = PageType.PAGE, category, properties, children }: TrackPageProps): ReactNode {
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const scope = useMemo((): TrackingScope => {
    const page: PageContext = category === undefined ? { name, type } : { name, type, category }
    return parent.experiments ? { tracker, page, experiments: parent.experiments } : { tracker, page }
  }, [tracker, name, type, category, parent.experiments])

  // StrictMode runs effects twice on one instance but keeps its refs: this ref is what keeps it to one event.
  const sent = useRef<{ tracker: Tracker; name: string } | null>(null)
  useEffect(() => {
    if (!tracker || (sent.current?.tracker === tracker && sent.current.name === name)) return
    sent.current = { tracker, name }
    const page = category === undefined ? { name, type } : { name, type, category }
    tracker.page(properties === undefined ? page : { ...page, properties }, scopeContext({ tracker, ...parentPlace(parent) }))
    // Only a new name (or tracker) is a new page view; type, category and properties ride along with it.
  }, [tracker, name])

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
