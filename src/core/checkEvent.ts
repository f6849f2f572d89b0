import { checkPlan } from './checkPlan.js'
import { checkEventName, defaultEventNamePattern } from './namingConvention.js'
import { readValidation, type TrackerSettings } from './readTrackerOptions.js'
import { TrackingValidationError } from './tracker.js'
import type { TrackedEvent } from './types.js'

/**
 * Development only: the problems of an event by the naming convention and the plan. In throw mode
 * they are thrown; an asynchronous schema's problems arrive later, through `late`.
 */
export function eventChecker(settings: TrackerSettings, late: (event: TrackedEvent, problems: string[]) => void) {
  return (call: string, event: TrackedEvent): string[] => {
    if (settings.validate === 'off') return []
    const found: string[] = []
    if (event.type === 'track') {
      const nameProblem = checkEventName(event.name, settings.eventNames ?? defaultEventNamePattern)
      if (nameProblem) found.push(nameProblem)
    }
    const kind = event.type === 'page' ? 'page' : 'event'
    const check = settings.plan && checkPlan(settings.plan, kind, event.name, event.properties, event.context)
    if (check) found.push(...check.problems)
    if (found.length > 0 && settings.validate === 'throw') throw new TrackingValidationError(`${call}: ${found.join('; ')}`)
    void check?.later?.then((problems) => problems.length > 0 && late(event, problems))
    return found
  }
}

/**
 * Everything validation needs, in one object that a tracker reaches only in development (or, in
 * production, when a server tracker brings it): production browser bundles drop all of it.
 */
export const validation = { checker: eventChecker, read: readValidation, Failure: TrackingValidationError }
export type Validation = typeof validation
