import type { TrackedEvent, TrackingPlan } from '../core.js'

/** What tests tracked against what the plan declares: names never tracked, and names tracked that the plan does not have. */
export interface PlanCoverage {
  /** Plan events that nothing tracked. */
  untracked: string[]
  /** Tracked event names the plan does not declare. */
  undeclared: string[]
  /** The same for pages, where the plan lists pages. */
  untrackedPages: string[]
  undeclaredPages: string[]
}

/**
 * Compares a plan with what was tracked (events, or `{ type, name }` records of them).
 *
 * @example
 * const { untracked, undeclared } = planCoverage(plan, tracker.events)
 */
export function planCoverage(plan: TrackingPlan, tracked: Iterable<Pick<TrackedEvent, 'type' | 'name'>>): PlanCoverage {
  const events = new Set<string>()
  const pages = new Set<string>()
  for (const { type, name } of tracked) {
    if (type === 'track') events.add(name)
    else if (type === 'page') pages.add(name)
  }
  const declaredEvents = Object.keys(plan.events)
  const declaredPages = Object.keys(plan.pages ?? {})
  return {
    untracked: declaredEvents.filter((name) => !events.has(name)),
    undeclared: [...events].filter((name) => !Object.hasOwn(plan.events, name)).sort(),
    untrackedPages: declaredPages.filter((name) => !pages.has(name)),
    undeclaredPages: plan.pages ? [...pages].filter((name) => !Object.hasOwn(plan.pages!, name)).sort() : [],
  }
}
