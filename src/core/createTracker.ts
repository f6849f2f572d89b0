import { checkPlan } from './checkPlan.js'
import { createConsentGate } from './consentGate.js'
import { createId } from './createId.js'
import { loadIdentity, MAX_ID_LENGTH, saveIdentity } from './identity.js'
import { allows } from './createLogger.js'
import { describeError, describeInput, describeType } from './describe.js'
import { checkEventName, defaultEventNamePattern } from './namingConvention.js'
import { readTrackerOptions, type TrackerOptions, type TrackerSettings } from './readTrackerOptions.js'
import { sanitizeProperties } from './sanitizeProperties.js'
import {
  PageType,
  type EventContext,
  type EventType,
  type FlushOptions,
  type Logger,
  type PageInput,
  type Properties,
  type Sink,
  type SinkContext,
  type TrackedEvent,
  type TrackingListener,
  type TrackingNotice,
  type TrackInput,
} from './types.js'

// Written out at each use (`process.env.NODE_ENV !== 'production'`): every bundler replaces it in
// production builds and drops what it guards, which not all do through an imported constant.
declare const process: { env: { NODE_ENV?: string } }

export type { TrackerOptions, ValidationMode } from './readTrackerOptions.js'

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
  /**
   * Grants or denies consent categories (with `consent: 'opt-in'`). A sink does nothing before its
   * category is granted (no vendor script, no stored events sent); granted, its waiting events are
   * delivered; denied, they are dropped, and so is what the sink holds in memory and in storage.
   */
  setConsent(categories: Record<string, boolean>): void
  /** The consent given so far, by category. */
  readonly consent: Readonly<Record<string, boolean>>
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
const pageTypes: readonly string[] = Object.values(PageType)

/** ", got <what was passed>" in development; production builds keep the message short. */
const got = (value: unknown): string => (process.env.NODE_ENV !== 'production' ? `, got ${describeInput(value)}` : '')

let lastMs = Number.NaN
let lastTimestamp = ''
/** The current time as an ISO string, built once per millisecond however many events share it. */
const timestamp = (): string => {
  const ms = Date.now()
  if (ms !== lastMs) {
    lastMs = ms
    lastTimestamp = new Date(ms).toISOString()
  }
  return lastTimestamp
}

const nameOf = (input: unknown): string | undefined => {
  const name = (input as { name?: unknown } | null)?.name
  return typeof name === 'string' && name !== '' ? name : undefined
}

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
  let settings: TrackerSettings
  try {
    settings = readTrackerOptions(options)
  } catch (error) {
    // Options that throw when read (a getter, a Proxy): the defaults, and one error.
    settings = readTrackerOptions({})
    settings.log.error(`createTracker: options could not be read (${describeError(error)}); using the defaults`)
  }
  const { log, sinks, validate, dryRun } = settings
  const { enabled } = settings
  const listeners = new Set<TrackingListener>()
  const pending = new Set<Promise<unknown>>()
  // A disabled tracker leaves storage alone.
  const identityStorage = enabled ? settings.identityStorage : undefined
  const identity = loadIdentity(identityStorage, settings.anonymousId)

  const notify = (notice: TrackingNotice): void => {
    for (const listener of listeners) {
      try {
        listener(notice)
      } catch (error) {
        log.error(`a subscribe listener threw on "${notice.type}": ${describeError(error)}`)
      }
    }
  }

  /** Development only (every problem is found in development): each distinct message is logged once. */
  const warned = new Set<string>()
  const warnOnce = (message: string): void => {
    if (process.env.NODE_ENV === 'production' || warned.has(message)) return
    if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear()
    warned.add(message)
    log.warn(message)
  }

  /** An input that cannot become an event at all: reported, logged, and (unless validate is throw) ignored. */
  const reject = (call: string, problem: string, input: unknown): void => {
    const message = `${call}: ${problem}; the call was ignored`
    if (process.env.NODE_ENV !== 'production' && validate === 'throw') throw new TrackingValidationError(message)
    log.error(message)
    notify({ type: 'invalid', problems: [problem], input })
  }

  const sinkFailed = (sink: Sink, event: TrackedEvent, error: unknown): void => {
    log.error(`sink "${sink.name}" failed on ${event.type} "${event.name}": ${describeError(error)}`)
    notify({ type: 'failed', event, sink: sink.name, error })
  }

  const deliver = (event: TrackedEvent, problems: string[]): void => {
    // Problems are found only in development: production builds skip the checks.
    if (process.env.NODE_ENV !== 'production' && problems.length > 0) {
      warnOnce(`${event.type} "${event.name}": ${problems.join('; ')}`)
      notify({ type: 'invalid', problems, event })
    }
    if (listeners.size > 0) notify({ type: 'tracked', event })
    if (dryRun) {
      log.info(`dry run, not sent: ${event.type} "${event.name}"`, event)
      return notify({ type: 'skipped', event, reason: 'dry-run' })
    }
    if (allows(log.level, 'debug')) log.debug(`${event.type} "${event.name}"`, event)
    for (const sink of sinks) gate.route(sink, event)
  }

  const sendTo = (sink: Sink, event: TrackedEvent): void => {
    try {
      const result = sink.send([event])
      if (result && typeof result.then === 'function') {
        const settled = result.then(
          () => sink.reportsDelivery || notify({ type: 'sent', event, sink: sink.name }),
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

  // A frozen context (the React bindings freeze theirs) is taken not to change: it is read once.
  const readContexts = new WeakMap<object, Properties>()
  /** Any context, read as properties are: redacted, bounded, every value JSON-safe, nothing thrown. */
  const readContext = (context: object, root: string, problems: string[]): Properties => {
    const known = readContexts.get(context)
    if (known) return known
    const sanitized = sanitizeProperties(context, settings.limits, root)
    if (process.env.NODE_ENV !== 'production' && sanitized.problems.length > 0) problems.push(...sanitized.problems)
    try {
      if (Object.isFrozen(context)) readContexts.set(context, sanitized.properties)
    } catch {
      // a Proxy that will not say: read it again next time
    }
    return sanitized.properties
  }

  const envelope = (type: EventType, name: string, properties: unknown, context: unknown, problems: string[]): TrackedEvent => {
    let scope: Properties | undefined
    if (context !== undefined && (typeof context !== 'object' || context === null || Array.isArray(context))) {
      if (process.env.NODE_ENV !== 'production') warnOnce(`${type}: context must be an object, got ${describeType(context)}; it was left out`)
    } else if (context !== undefined) {
      scope = readContext(context, 'context', problems)
    }
    const sanitized = sanitizeProperties(properties, settings.limits)
    if (process.env.NODE_ENV !== 'production' && sanitized.problems.length > 0) problems.push(...sanitized.problems)
    const event: TrackedEvent = {
      id: createId(),
      type,
      name,
      properties: sanitized.properties,
      context: { ...settings.context, ...scope },
      timestamp: timestamp(),
      anonymousId: identity.anonymousId,
    }
    if (identity.userId !== undefined) event.userId = identity.userId
    for (const enrich of settings.enrich) {
      try {
        const added = enrich(event)
        // Spread, not Object.assign: a "__proto__" key stays a key.
        if (added !== null && typeof added === 'object') event.context = { ...event.context, ...readContext(added, 'enricher', problems) }
      } catch (error) {
        log.error(`an enricher threw on ${type} "${name}": ${describeError(error)}; the event goes on without it`)
      }
    }
    return event
  }

  /**
   * Development only: checks the name against the convention and the event against the plan.
   * A problem throws in throw mode; otherwise it is reported with the event. Asynchronous schemas
   * report when they are done.
   */
  const validated =
    process.env.NODE_ENV === 'production'
      ? undefined
      : (call: string, event: TrackedEvent, problems: string[]): void => {
          if (validate === 'off') return
          const found: string[] = []
          if (event.type === 'track') {
            const nameProblem = checkEventName(event.name, settings.eventNames ?? defaultEventNamePattern)
            if (nameProblem) found.push(nameProblem)
          }
          const kind = event.type === 'page' ? 'page' : 'event'
          const check = settings.plan && checkPlan(settings.plan, kind, event.name, event.properties, event.context)
          if (check) found.push(...check.problems)
          if (found.length > 0 && validate === 'throw') throw new TrackingValidationError(`${call}: ${found.join('; ')}`)
          problems.unshift(...found)
          void check?.later?.then((late) => {
            if (late.length === 0) return
            warnOnce(`${event.type} "${event.name}": ${late.join('; ')}`)
            notify({ type: 'invalid', problems: late, event })
          })
        }

  /** Nothing the app passes may throw out of a tracking call, except in validate: 'throw' mode. */
  const guarded =
    <A, B>(call: string, run: (a: A, b: B) => void) =>
    (a: A, b: B): void => {
      if (!enabled) return
      try {
        run(a, b)
      } catch (error) {
        if (process.env.NODE_ENV !== 'production' && error instanceof TrackingValidationError) throw error
        const problem = `${call} failed and was ignored: ${describeError(error)}`
        log.error(problem)
        notify({ type: 'invalid', problems: [problem], input: a })
      }
    }

  const track = guarded('track', (input: TrackInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('track', `expected { name: string }${got(input)}`, input)
    const problems: string[] = []
    const event = envelope('track', name, (input as { properties?: unknown }).properties, context, problems)
    validated?.(`track "${name}"`, event, problems)
    deliver(event, problems)
  })

  const page = guarded('page', (input: PageInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('page', `expected { name: string }${got(input)}`, input)
    const { type, category, properties } = input as Partial<PageInput>
    const problems: string[] = []
    const pageContext: NonNullable<EventContext['page']> = { name, type: PageType.PAGE }
    if (pageTypes.includes(type!)) pageContext.type = type!
    else if (process.env.NODE_ENV !== 'production' && type !== undefined) {
      problems.push(`page type ${describeInput(type)} is not one of ${pageTypes.join(', ')}; sent as "page"`)
    }
    if (typeof category === 'string') pageContext.category = category
    else if (process.env.NODE_ENV !== 'production' && category !== undefined) {
      problems.push(`category must be a string, got ${describeType(category)}; left out`)
    }
    const event = envelope('page', name, properties, context, problems)
    event.context.page = pageContext
    validated?.(`page "${name}"`, event, problems)
    deliver(event, problems)
  })

  const identify = guarded('identify', (id: string, traits: Properties | undefined): void => {
    const normalized = typeof id === 'number' && Number.isFinite(id) ? String(id) : id
    if (typeof normalized !== 'string' || normalized === '') {
      return reject('identify', `userId must be a non-empty string${got(id)}`, id)
    }
    if (normalized.length > MAX_ID_LENGTH) return reject('identify', `userId longer than ${MAX_ID_LENGTH}`, id)
    identity.userId = normalized
    saveIdentity(identityStorage, identity)
    const problems: string[] = []
    deliver(envelope('identify', 'identify', traits, undefined, problems), problems)
  })

  const reset = (): void => {
    if (!enabled) return
    identity.userId = undefined
    identity.anonymousId = createId()
    saveIdentity(identityStorage, identity)
    log.debug('reset: user id cleared, new anonymous id')
  }

  const flush = async (flushOptions?: FlushOptions): Promise<void> => {
    if (!enabled) return
    let timeoutMs = flushOptions?.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS
    if (!(typeof timeoutMs === 'number' && timeoutMs >= 0)) {
      if (process.env.NODE_ENV !== 'production') log.warn(`flush: timeoutMs must be a number of at least 0${got(timeoutMs)}; using ${DEFAULT_FLUSH_TIMEOUT_MS}`)
      timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS
    }
    const waits: Promise<unknown>[] = [...pending]
    for (const sink of sinks) {
      // A sink still waiting for consent has nothing to deliver, and must not start by being flushed.
      if (!sink.flush || !gate.isStarted(sink)) continue
      const failed = (error: unknown): void => log.error(`sink "${sink.name}" failed to flush: ${describeError(error)}`)
      try {
        waits.push(Promise.resolve(sink.flush({ timeoutMs })).catch(failed))
      } catch (error) {
        failed(error)
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
      if (process.env.NODE_ENV !== 'production') log.error(`subscribe: expected a function, got ${describeType(listener)}; nothing was subscribed`)
      return () => {}
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  const sinkContext: SinkContext = {
    log,
    report: notify,
    get listening() {
      return listeners.size > 0
    },
  }
  // A disabled tracker starts no sink; with opt-in consent, a sink starts once its category is granted.
  const gate = createConsentGate({ optIn: settings.optIn, sinks: enabled ? sinks : [], context: sinkContext, send: sendTo, notify, log })

  return {
    track,
    page,
    identify,
    reset,
    flush,
    subscribe,
    setConsent: gate.setConsent,
    consent: gate.consent,
    get anonymousId() {
      return identity.anonymousId
    },
    get userId() {
      return identity.userId
    },
    enabled,
    dryRun,
    log,
  }
}
