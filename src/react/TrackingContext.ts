import { createContext } from 'react'
import type { EventContext, PageContext, SectionContext, Tracker } from '../core.js'

/** What a component inside the tree knows: the tracker, and the nearest page and section. */
export interface TrackingScope {
  tracker: Tracker | null
  page?: PageContext
  section?: SectionContext
  /** Experiments and variants of the `TrackExperiment`s above. */
  experiments?: Record<string, string>
  /**
   * Outside any page (a root layout around the pages): the page shown now, which the outermost
   * `TrackPage` mounted sets, so that what the layout tracks carries it.
   */
  shown?: { page?: PageContext | undefined }
}

export const TrackingContext = createContext<TrackingScope>({ tracker: null })
TrackingContext.displayName = 'TrackingContext'

/** The scope inside a page: the tracker and experiments from above, the page, and no section (sections belong to pages). */
export function pageScope(parent: TrackingScope, page: PageContext): TrackingScope {
  return parent.experiments ? { tracker: parent.tracker, page, experiments: parent.experiments } : { tracker: parent.tracker, page }
}

/**
 * The context of events tracked in a scope: its page, section and experiments, or undefined for none.
 * Frozen: the tracker reads (sanitizes and redacts) a frozen context once, not on every event.
 */
export function scopeContext({ page, section, experiments }: { page?: PageContext | undefined; section?: SectionContext | undefined; experiments?: Record<string, string> | undefined }): EventContext | undefined {
  if (!page && !section && !experiments) return undefined
  const context: EventContext = {}
  if (page) context.page = page
  if (section) context.section = section
  if (experiments) context.experiments = experiments
  return Object.freeze(context)
}

/** The context of a page event opened in a scope: the section and experiments around it (the page is the event's own). */
export const pageEventContext = ({ section, experiments }: TrackingScope): EventContext | undefined => scopeContext({ section, experiments })
