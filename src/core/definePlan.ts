import type { StandardSchemaV1 } from './standardSchema.js'

/** One event of the plan: what it means, and the schema of its properties. */
export interface EventDefinition {
  description: string
  /** A Standard Schema (zod, valibot, arktype…) for the event's properties. */
  properties?: StandardSchemaV1
}

/** A page, section or category of the plan, with what it means. */
export interface NameDefinition {
  description: string
}

/** A tracking plan: every event, page and section the app may send, with what it means. */
export interface TrackingPlan {
  events: Record<string, EventDefinition>
  pages?: Record<string, NameDefinition>
  sections?: Record<string, NameDefinition>
  categories?: Record<string, NameDefinition>
}

/**
 * Declares the tracking plan once: at run time the tracker validates against it (`createTracker({ plan })`),
 * its types can fill the Register, and `npx trackplan catalog` turns it into the directory of events.
 *
 * @example
 * export const plan = definePlan({
 *   events: {
 *     [EventName.QUERY_RUN]: { description: 'A query finished', properties: z.object({ rows: z.number() }) },
 *   },
 *   pages: { [PageName.EXPLORER]: { description: 'Where queries are built' } },
 * })
 * declare module 'trackplan/core' { interface Register { plan: typeof plan } }
 */
export function definePlan<const Plan extends TrackingPlan>(plan: Plan): Plan {
  return plan
}
