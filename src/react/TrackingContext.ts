import { createContext } from 'react'
import type { PageContext, SectionContext, Tracker } from '../core.js'

/** What a component inside the tree knows: the tracker, and the nearest page and section. */
export interface TrackingScope {
  tracker: Tracker | null
  page?: PageContext
  section?: SectionContext
  /** Experiments and variants of the `TrackExperiment`s above. */
  experiments?: Record<string, string>
}

export const TrackingContext = createContext<TrackingScope>({ tracker: null })
TrackingContext.displayName = 'TrackingContext'

/** The scope inside a page: the tracker and experiments from above, the page, and no section (sections belong to pages). */
export function pageScope(parent: TrackingScope, page: PageContext): TrackingScope {
  return parent.experiments ? { tracker: parent.tracker, page, experiments: parent.experiments } : { tracker: parent.tracker, page }
}

/** What a page sits in: the section and experiments around it, the context of its page event. */
export function placeAround({ section, experiments }: TrackingScope): Omit<TrackingScope, 'tracker' | 'page'> {
  return { ...(section ? { section } : {}), ...(experiments ? { experiments } : {}) }
}
