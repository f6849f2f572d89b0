import type { EventType, TrackedEvent } from '../core.js'

/** How event names are written in the warehouse. */
export type NameCase = 'snake_case' | 'camelCase' | 'kebab-case' | 'Title Case'

/** Where a property goes: another property name, or a path under the event's context. */
export type PropertyTarget = `properties.${string}` | `context.${string}`

/**
 * What leaves a sink, reshaped to the rows a warehouse already has: names, properties, context.
 *
 * @example
 * // Lightdash's rows: "lightdash_webapp." before each track name, the app in the context.
 * shapeEvents({ eventName: { prefix: 'lightdash_webapp.' }, context: { app: { namespace: 'lightdash', name: 'lightdash_webapp' } } })
 */
export interface EventShapeOptions {
  /**
   * Track event names: a casing first (words split at dots, dashes, underscores, spaces and capitals),
   * then a prefix. Or a function of the name and the event. Page and identify names are left as they are.
   */
  eventName?: { case?: NameCase; prefix?: string } | ((name: string, event: TrackedEvent) => string)
  /** Properties renamed or moved: `{ queryId: 'properties.query_id', plan: 'context.plan' }`. */
  properties?: Record<string, PropertyTarget>
  /** Added to every event's context, under what the event has (a key the event sets wins). */
  context?: Record<string, unknown>
  /** Event types shaped. Default all three. */
  types?: readonly EventType[]
}

/** A checked shape: `apply` gives each event as it is to leave; `problems` says what was wrong in the options. */
export interface EventShape {
  /** The event as it is to leave: a new object, the event itself unchanged. */
  apply(event: TrackedEvent): TrackedEvent
  /** Each mistake in the options; a sink given a shape with problems keeps its events unsent and says why. */
  readonly problems: readonly string[]
}

const cases: Record<NameCase, (words: string[]) => string> = {
  snake_case: (words) => words.map((word) => word.toLowerCase()).join('_'),
  camelCase: (words) => words.map((word, index) => (index === 0 ? word.toLowerCase() : capitalized(word))).join(''),
  'kebab-case': (words) => words.map((word) => word.toLowerCase()).join('-'),
  'Title Case': (words) => words.map(capitalized).join(' '),
}
/** Never assigned by name: an object's prototype, or (under context) the event's page and section. */
const reserved = new Set(['__proto__', 'constructor', 'prototype'])
const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
/** `run_query.buttonClicked` → run, query, button, Clicked. */
const wordsOf = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s._-]+/).filter(Boolean)

/**
 * Builds an event shape for `httpSink({ shape })` and `segmentSink({ shape })`, checking the options
 * once, here: a wrong casing, a target that is not under `properties.` or `context.`, or two
 * properties moved to one place are problems, and the sink keeps its events unsent rather than send
 * rows the warehouse would misread.
 */
export function shapeEvents(options: EventShapeOptions): EventShape {
  const problems: string[] = []
  const given: Partial<EventShapeOptions> = typeof options === 'object' && options !== null ? options : (problems.push('options must be an object'), {})
  const name = nameChange(given.eventName, problems)
  const moves: [from: string, where: 'properties' | 'context', to: string][] = []
  const targets = new Set<string>()
  for (const [from, target] of Object.entries(given.properties ?? {})) {
    const [, where, to] = /^(properties|context)\.(.+)$/.exec(typeof target === 'string' ? target : '') ?? []
    if (!where || !to) problems.push(`properties.${from}: the target must start with "properties." or "context.", got ${JSON.stringify(target)}`)
    else if (reserved.has(from) || reserved.has(to) || (where === 'context' && (to === 'page' || to === 'section'))) problems.push(`properties.${from}: ${target} cannot be written (it is the event's own, or an object's prototype)`)
    else if (targets.has(target)) problems.push(`properties.${from}: ${target} is the target of another property too`)
    else {
      targets.add(target)
      moves.push([from, where as 'properties' | 'context', to])
    }
  }
  const extra = given.context
  if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra))) problems.push('context must be an object')
  const types = new Set<EventType>(given.types ?? ['track', 'page', 'identify'])

  let collisionSaid = false
  const apply = (event: TrackedEvent): TrackedEvent => {
    if (!types.has(event.type)) return event
    const properties = { ...event.properties }
    const context = { ...(typeof extra === 'object' ? extra : {}), ...event.context }
    for (const [from] of moves) delete properties[from]
    for (const [from, where, to] of moves) {
      if (!Object.hasOwn(event.properties, from)) continue
      const into: Record<string, unknown> = where === 'properties' ? properties : context
      // A place already taken keeps its value, and the property stays where it was: nothing is overwritten.
      if (Object.hasOwn(into, to)) {
        properties[from] = event.properties[from]
        if (!collisionSaid) console.error(`[trackplan] shapeEvents: ${where}.${to} is taken on "${event.name}", so properties.${from} stays where it is`)
        collisionSaid = true
      } else into[to] = event.properties[from]
    }
    return { ...event, name: event.type === 'track' && name ? name(event.name, event) : event.name, properties, context }
  }
  return { apply, problems }
}

function nameChange(option: EventShapeOptions['eventName'], problems: string[]): ((name: string, event: TrackedEvent) => string) | undefined {
  if (option === undefined) return undefined
  if (typeof option === 'function') {
    let said = false
    return (name, event) => {
      let changed: unknown
      try {
        changed = option(name, event)
      } catch (error) {
        changed = error
      }
      if (typeof changed === 'string' && changed !== '') return changed
      // A function that throws or gives no name leaves the name as it was: the event is not lost over it.
      if (!said) console.error(`[trackplan] shapeEvents: eventName gave no name for "${name}" (${String(changed)}); sent as "${name}"`)
      said = true
      return name
    }
  }
  if (typeof option !== 'object' || option === null) {
    problems.push('eventName must be { case, prefix } or a function')
    return undefined
  }
  const { prefix = '', case: casing } = option
  if (typeof prefix !== 'string') problems.push('eventName.prefix must be a string')
  if (casing !== undefined && !(casing in cases)) problems.push(`eventName.case must be one of ${Object.keys(cases).join(', ')}, got ${JSON.stringify(casing)}`)
  const write = casing !== undefined && casing in cases ? cases[casing] : undefined
  return (name) => String(prefix) + (write ? write(wordsOf(name)) : name)
}
