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
