import type { TrackingPlan } from './definePlan.js'
import { describeIssues, type StandardResult } from './standardSchema.js'
import type { EventContext, Properties } from './types.js'

export interface PlanCheck {
  problems: string[]
  /** Problems from a schema that validates asynchronously, once it has. */
  later?: Promise<string[]>
}

const notIn = (kind: string, name: string): string => `${kind} "${name}" is not in the tracking plan`

/** What is wrong with an event by the plan: an unknown name, section or category, or properties its schema refuses. */
export function checkPlan(plan: TrackingPlan, kind: 'event' | 'page', name: string, properties: Properties, context: EventContext | undefined): PlanCheck {
  const problems: string[] = []
  for (const section of context?.section?.path ?? []) {
    if (plan.sections && !Object.hasOwn(plan.sections, section)) problems.push(notIn('section', section))
  }
  if (kind === 'page') {
    if (plan.pages && !Object.hasOwn(plan.pages, name)) problems.push(notIn('page', name))
    const category = context?.page?.category
    if (category !== undefined && plan.categories && !Object.hasOwn(plan.categories, category)) problems.push(notIn('category', category))
    return { problems }
  }
  const definition = Object.hasOwn(plan.events, name) ? plan.events[name] : undefined
  if (!definition) return { problems: [...problems, notIn('event', name)] }
  const schema = definition.properties?.['~standard']
  if (!schema) return { problems }
  let result: StandardResult<unknown> | Promise<StandardResult<unknown>>
  try {
    result = schema.validate(properties)
  } catch (error) {
    // The plan's own code: what it throws is a problem with the event, never a lost event.
    return { problems: [...problems, `properties: the schema threw (${String(error)})`] }
  }
  const issuesOf = (outcome: StandardResult<unknown>): string[] => (outcome.issues ? describeIssues(outcome.issues) : [])
  if (result instanceof Promise) return { problems, later: result.then(issuesOf, (error: unknown) => [`properties: the schema threw (${String(error)})`]) }
  return { problems: [...problems, ...issuesOf(result)] }
}
