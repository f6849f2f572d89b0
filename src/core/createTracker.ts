import { createId } from './createId.js'
import { allows, createLogger, isLogLevel } from './createLogger.js'
import { isDevelopment } from './mode.js'
import { checkPlan } from './checkPlan.js'
import type { TrackingPlan } from './definePlan.js'
import { checkEventName, defaultEventNamePattern, type NamingConvention } from './namingConvention.js'
import { describeError, describeType, sanitizeProperties, type SanitizeLimits } from './sanitizeProperties.js'
import {
  PageType,
  type EventContext,
  type EventType,
  type FlushOptions,
  type LogLevel,
  type Logger,
  type PageInput,
  type Properties,
  type Sink,
  type TrackedEvent,
  type TrackingListener,
  type TrackingNotice,
  type TrackInput,
} from './types.js'

export type ValidationMode = 'off' | 'warn' | 'throw'

export interface TrackerOptions {
  /** Where events go. Each sink is isolated: one that throws or rejects never stops another. */
  sinks?: Sink[]
  /** Global context merged into every event's `context`. */
  context?: Properties
  /** False turns every call into a cheap no-op (per-environment switch). Default true. */
  enabled?: boolean
  /** Run events through the whole pipeline and log them, but send nothing. Default false. */
  dryRun?: boolean
  /** Default "warn" in development, "error" in production, "info" with dryRun. */
  logLevel?: LogLevel
  /** What a name that breaks the convention does. Default "warn" in development, "off" in production. */
  validate?: ValidationMode
  /** The event-name convention. Default: lowercase snake_case words joined by dots. */
  eventNames?: NamingConvention
  /** Longer strings in properties are cut. Default 8192. */
  maxStringLength?: number
  /** Start with this anonymous id instead of a new random one. */
  anonymousId?: string
  /** Validate names and properties against this plan (see `definePlan`), as `validate` says. */
  plan?: TrackingPlan
}

export interface Tracker {
  /** Send a `track` event. `context` is merged over the global context (React passes page and section here). */
  track(event: TrackInput, context?: EventContext): void
  /** Send a `page` event; its page becomes `context.page`. */
  page(page: PageInput, context?: EventContext): void
  /** Attach a user id to this and every later event, and send an `identify` event with the traits. */
  identify(userId: string, traits?: Properties): void
  /** Forget the user (logout): clears the user id and starts a new anonymous id. */
  reset(): void
  /** Resolves once every sink has delivered what was tracked before the call, or after `timeoutMs`. Never rejects. */
  flush(options?: FlushOptions): Promise<void>
  /** Hear about everything that happens to events. Returns the unsubscribe function. */
  subscribe(listener: TrackingListener): () => void
  readonly anonymousId: string
  readonly userId: string | undefined
  readonly enabled: boolean
  readonly dryRun: boolean
  readonly log: Logger
}

/**
 * Thrown by tracking calls only with `validate: 'throw'` (tests, strict development setups).
 *
 * @example
 * const tracker = createTracker({ validate: 'throw' })
 * expect(() => tracker.track({ name: 'Bad Name' })).toThrow(TrackingValidationError)
 */
export class TrackingValidationError extends Error {
  override name = 'TrackingValidationError'
}

const DEFAULT_FLUSH_TIMEOUT_MS = 1000
const MAX_REMEMBERED_WARNINGS = 200
const noop = (): void => {}
const pageTypes: readonly string[] = Object.values(PageType)

/**
 * Creates a tracker: the framework-agnostic core that builds envelopes, validates them,
 * and hands them to sinks. The React bindings are a thin layer over it.
 *
 * @example
 * const tracker = createTracker({ sinks: [consoleSink()], context: { app: 'webapp' } })
 * tracker.track({ name: 'run_query_button.click' })
 * await tracker.flush()
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  const settings = readOptions(options)
  const { log, sinks, validate, dryRun } = settings
  const enabled = options.enabled !== false
  const listeners = new Set<TrackingListener>()
  const pending = new Set<Promise<unknown>>()
  const warned = new Set<string>()
  let anonymousId = options.anonymousId && typeof options.anonymousId === 'string' ? options.anonymousId : createId()
  let userId: string | undefined

  const notify = (notice: TrackingNotice): void => {
    for (const listener of listeners) {
      try {
        listener(notice)
      } catch (error) {
        log.error(`a subscribe listener threw on "${notice.type}": ${describeError(error)}`)
      }
    }
  }

  const warnOnce = (message: string): void => {
    if (warned.has(message)) return
    if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear()
    warned.add(message)
    log.warn(message)
  }

  /** An input that cannot become an event at all: reported, logged, and (unless validate is throw) ignored. */
  const reject = (call: string, problem: string, input: unknown): void => {
    const message = `${call}: ${problem}; the call was ignored`
    if (validate === 'throw') throw new TrackingValidationError(message)
    log.error(message)
    notify({ type: 'invalid', problems: [problem], input })
  }

  const sinkFailed = (sink: Sink, event: TrackedEvent, error: unknown): void => {
    log.error(`sink "${sink.name}" failed on ${event.type} "${event.name}": ${describeError(error)}`)
    notify({ type: 'failed', event, sink: sink.name, error })
  }

  const deliver = (event: TrackedEvent, problems: string[]): void => {
    if (problems.length > 0) {
      warnOnce(`${event.type} "${event.name}": ${problems.join('; ')}`)
      notify({ type: 'invalid', problems, event })
    }
    if (listeners.size > 0) notify({ type: 'tracked', event })
    if (dryRun) {
      log.info(`dry run, not sent: ${event.type} "${event.name}"`, event)
      notify({ type: 'skipped', event, reason: 'dry-run' })
      return
    }
    if (allows(log.level, 'debug')) log.debug(`${event.type} "${event.name}"`, event)
    for (const sink of sinks) {
      try {
        const result = sink.send([event])
        if (result && typeof result.then === 'function') {
          const settled = result.then(
            () => {
              if (!sink.reportsDelivery) notify({ type: 'sent', event, sink: sink.name })
            },
            (error: unknown) => sinkFailed(sink, event, error),
          )
          pending.add(settled)
          void settled.finally(() => pending.delete(settled))
        } else if (!sink.reportsDelivery && listeners.size > 0) {
          notify({ type: 'sent', event, sink: sink.name })
        }
      } catch (error) {
        sinkFailed(sink, event, error)
      }
    }
  }

  const envelope = (
    type: EventType,
    name: string,
    properties: Properties,
    context: EventContext | undefined,
  ): TrackedEvent => {
    const event: TrackedEvent = {
      id: createId(),
      type,
      name,
      properties,
      context: context ? { ...settings.context, ...context } : { ...settings.context },
      timestamp: new Date().toISOString(),
      anonymousId,
    }
    if (userId !== undefined) event.userId = userId
    return event
  }

  /** Checks the event against the plan; in throw mode a problem throws before anything is sent. */
  const byPlan = (call: string, kind: 'event' | 'page', event: TrackedEvent, problems: string[]): void => {
    if (!settings.plan || validate === 'off') return
    const check = checkPlan(settings.plan, kind, event.name, event.properties, event.context)
    if (check.problems.length > 0 && validate === 'throw') {
      throw new TrackingValidationError(`${call} "${event.name}": ${check.problems.join('; ')}`)
    }
    problems.push(...check.problems)
    void check.later?.then((late) => {
      if (late.length === 0) return
      warnOnce(`${event.type} "${event.name}": ${late.join('; ')}`)
      notify({ type: 'invalid', problems: late, event })
    })
  }

  const readContext = (call: string, context: unknown): EventContext | undefined => {
    if (context === undefined || (typeof context === 'object' && context !== null && !Array.isArray(context))) {
      return context as EventContext | undefined
    }
    warnOnce(`${call}: context must be an object, got ${describeType(context)}; it was left out`)
    return undefined
  }

  /** Nothing the app passes may throw out of a tracking call, except in validate: 'throw' mode. */
  const guarded =
    <Args extends unknown[]>(call: string, run: (...args: Args) => void) =>
    (...args: Args): void => {
      if (!enabled) return
      try {
        run(...args)
      } catch (error) {
        if (error instanceof TrackingValidationError) throw error
        log.error(`${call} failed and was ignored: ${describeError(error)}`)
      }
    }

  const track = guarded('track', (input: TrackInput, context?: EventContext): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('track', `expected { name: string }, got ${describeInput(input)}`, input)
    const problems: string[] = []
    const nameProblem = validate === 'off' ? undefined : checkEventName(name, settings.eventNames)
    if (nameProblem) {
      if (validate === 'throw') throw new TrackingValidationError(`track: ${nameProblem}`)
      problems.push(nameProblem)
    }
    const sanitized = sanitizeProperties((input as { properties?: unknown }).properties, settings.limits)
    problems.push(...sanitized.problems)
    const scope = readContext('track', context)
    const event = envelope('track', name, sanitized.properties, scope)
    byPlan('track', 'event', event, problems)
    deliver(event, problems)
  })

  const page = guarded('page', (input: PageInput, context?: EventContext): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('page', `expected { name: string }, got ${describeInput(input)}`, input)
    const { type, category, properties } = input as Partial<PageInput>
    const problems: string[] = []
    let pageType: PageType = PageType.PAGE
    if (type !== undefined) {
      if (pageTypes.includes(type)) pageType = type
      else problems.push(`page type ${JSON.stringify(type)} is not one of ${pageTypes.join(', ')}; sent as "page"`)
    }
    const pageContext: EventContext['page'] = { name, type: pageType }
    if (typeof category === 'string') pageContext.category = category
    else if (category !== undefined) problems.push(`category must be a string, got ${describeType(category)}; left out`)
    const sanitized = sanitizeProperties(properties, settings.limits)
    problems.push(...sanitized.problems)
    const merged: EventContext = { ...readContext('page', context), page: pageContext }
    const event = envelope('page', name, sanitized.properties, merged)
    byPlan('page', 'page', event, problems)
    deliver(event, problems)
  })

  const identify = guarded('identify', (id: string, traits?: Properties): void => {
    const normalized = typeof id === 'number' && Number.isFinite(id) ? String(id) : id
    if (typeof normalized !== 'string' || normalized === '') {
      return reject('identify', `userId must be a non-empty string, got ${describeInput(id)}`, id)
    }
    userId = normalized
    const sanitized = sanitizeProperties(traits, settings.limits)
    deliver(envelope('identify', 'identify', sanitized.properties, undefined), sanitized.problems)
  })

  const reset = (): void => {
    if (!enabled) return
    userId = undefined
    anonymousId = createId()
    log.debug('reset: user id cleared, new anonymous id')
  }

  const flush = async (flushOptions?: FlushOptions): Promise<void> => {
    if (!enabled) return
    const timeoutMs = readTimeout(flushOptions, log)
    const waits: Promise<unknown>[] = [...pending]
    for (const sink of sinks) {
      if (!sink.flush) continue
      try {
        waits.push(Promise.resolve(sink.flush({ timeoutMs })).catch((error: unknown) => {
          log.error(`sink "${sink.name}" failed to flush: ${describeError(error)}`)
        }))
      } catch (error) {
        log.error(`sink "${sink.name}" failed to flush: ${describeError(error)}`)
      }
    }
    if (waits.length === 0) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(resolve, timeoutMs)
    })
    await Promise.race([Promise.allSettled(waits), timeout])
    clearTimeout(timer)
  }

  const subscribe = (listener: TrackingListener): (() => void) => {
    if (typeof listener !== 'function') {
      log.error(`subscribe: expected a function, got ${describeType(listener)}; nothing was subscribed`)
      return noop
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  const tracker: Tracker = {
    track,
    page,
    identify,
    reset,
    flush,
    subscribe,
    get anonymousId() {
      return anonymousId
    },
    get userId() {
      return userId
    },
    enabled,
    dryRun,
    log,
  }

  if (enabled) {
    for (const sink of sinks) {
      try {
        sink.start?.({ log, report: notify })
      } catch (error) {
        log.error(`sink "${sink.name}" failed to start: ${describeError(error)}`)
      }
    }
  }
  return tracker
}

interface Settings {
  plan: TrackingPlan | undefined
  log: Logger
  sinks: Sink[]
  context: Properties
  validate: ValidationMode
  dryRun: boolean
  eventNames: NamingConvention
  limits: SanitizeLimits
}

function readOptions(options: TrackerOptions): Settings {
  const dryRun = options.dryRun === true
  const defaultLevel: LogLevel = dryRun ? 'info' : isDevelopment ? 'warn' : 'error'
  const log = createLogger(isLogLevel(options.logLevel) ? options.logLevel : defaultLevel)
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    log.warn(`logLevel ${JSON.stringify(options.logLevel)} is not one of silent, error, warn, info, debug; using "${defaultLevel}"`)
  }

  const sinks: Sink[] = []
  if (options.sinks !== undefined && !Array.isArray(options.sinks)) {
    log.error(`sinks must be an array, got ${describeType(options.sinks)}; no sink will receive events`)
  }
  for (const [index, sink] of (Array.isArray(options.sinks) ? options.sinks : []).entries()) {
    if (sink && typeof sink === 'object' && typeof sink.send === 'function') sinks.push(sink)
    else log.error(`sinks[${index}] has no send() function; it was left out`)
  }

  const defaultValidate: ValidationMode = isDevelopment ? 'warn' : 'off'
  let validate = options.validate ?? defaultValidate
  if (validate !== 'off' && validate !== 'warn' && validate !== 'throw') {
    log.warn(`validate ${JSON.stringify(validate)} is not one of off, warn, throw; using "${defaultValidate}"`)
    validate = defaultValidate
  }

  const limits: SanitizeLimits = { maxStringLength: 8192, maxDepth: 10 }
  if (typeof options.maxStringLength === 'number' && options.maxStringLength > 0) {
    limits.maxStringLength = options.maxStringLength
  }

  let context: Properties = {}
  if (options.context !== undefined) {
    const sanitized = sanitizeProperties(options.context, limits)
    if (sanitized.problems.length > 0) log.warn(`context: ${sanitized.problems.join('; ')}`)
    context = sanitized.properties
  }

  const eventNames = options.eventNames ?? defaultEventNamePattern
  let plan: TrackingPlan | undefined
  if (options.plan !== undefined) {
    if (typeof options.plan === 'object' && options.plan !== null && typeof options.plan.events === 'object' && options.plan.events !== null) plan = options.plan
    else log.warn('plan must be an object with "events" (see definePlan); it was ignored')
  }
  return { plan, log, sinks, context, validate, dryRun, eventNames, limits }
}

function readTimeout(options: FlushOptions | undefined, log: Logger): number {
  const timeoutMs = options?.timeoutMs
  if (timeoutMs === undefined) return DEFAULT_FLUSH_TIMEOUT_MS
  if (typeof timeoutMs === 'number' && timeoutMs >= 0) return timeoutMs
  log.warn(`flush: timeoutMs must be a number of at least 0, got ${describeInput(timeoutMs)}; using ${DEFAULT_FLUSH_TIMEOUT_MS}`)
  return DEFAULT_FLUSH_TIMEOUT_MS
}

function nameOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const name = (input as { name?: unknown }).name
  return typeof name === 'string' && name !== '' ? name : undefined
}

function describeInput(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'object' && value !== null && 'name' in value) {
    return `{ name: ${describeInput((value as { name: unknown }).name)} }`
  }
  return typeof value === 'number' || typeof value === 'boolean' || value == null ? String(value) : describeType(value)
}
