import type { PageInput, Properties, RegisteredSectionName } from '../core.js'
import type { ExpectedEvent, TestTracker } from '../testing/internal.js'

/** The `tracking` parameter of a story. */
export interface TrackingParameters {
  /** Render the story as if inside this page (its page event is tracked too). */
  page?: PageInput
  /** Render the story as if inside this section, or these sections, outermost first. */
  section?: RegisteredSectionName | RegisteredSectionName[]
  /** Global context for the story's tracker. */
  context?: Properties
  /** The events the story must fire, in order; checked by `expectTracking` in a play function. */
  expect?: ExpectedEvent[]
}

/** Channel event the preview sends the Tracking panel: a story's rows, newest first. */
export const ROWS_EVENT = 'trackplan/rows'

// On globalThis: the addon's preview annotations and a story's play function must see one map,
// even if the bundler gave them separate copies of this module.
const key = Symbol.for('trackplan.storybook.trackers')
const holder = globalThis as { [key]?: Map<string, TestTracker> }

/** The tracker of each rendered story, by story id. */
export function storyTrackers(): Map<string, TestTracker> {
  return (holder[key] ??= new Map())
}
