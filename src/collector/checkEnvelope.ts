import type { TrackedEvent, TrackingPlan } from '../core.js'
import { checkPlan, isId, MAX_ID_LENGTH } from '../core/internal.js'

const types = new Set(['track', 'page', 'identify'])
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Why an event cannot be accepted as it is: its envelope (id, type, name, time, ids, properties,
 * context), then the plan. Empty when it is valid. A promise only where the plan's schema is
 * asynchronous: a batch of events with synchronous schemas is checked without a wait per event.
 */
export function checkEnvelope(event: unknown, plan: TrackingPlan | undefined): string[] | Promise<string[]> {
  if (!isObject(event)) return ['not an object']
  const problems: string[] = []
  if (!isId(event.id)) problems.push(`id: expected a string of 1 to ${MAX_ID_LENGTH} characters`)
  if (!types.has(event.type as string)) problems.push('type: expected "track", "page" or "identify"')
  if (typeof event.name !== 'string' || event.name === '') problems.push('name: expected a non-empty string')
  if (typeof event.timestamp !== 'string' || Number.isNaN(Date.parse(event.timestamp))) problems.push('timestamp: expected an ISO 8601 date')
  if (!isId(event.anonymousId) && !isId(event.userId)) problems.push(`anonymousId or userId: expected one, a string of 1 to ${MAX_ID_LENGTH} characters`)
  if (event.userId !== undefined && !isId(event.userId)) problems.push(`userId: expected a string of 1 to ${MAX_ID_LENGTH} characters`)
  if (!isObject(event.properties)) problems.push('properties: expected an object')
  if (!isObject(event.context)) problems.push('context: expected an object')
  if (problems.length > 0 || !plan || event.type === 'identify') return problems
  const envelope = event as unknown as TrackedEvent
  const check = checkPlan(plan, envelope.type === 'page' ? 'page' : 'event', envelope.name, envelope.properties, envelope.context)
  return check.later ? check.later.then((later) => [...check.problems, ...later]) : check.problems
}
