import { envelopeBuilder } from './buildEnvelope.js'
import { validation as developmentValidation, type Validation } from './checkEvent.js'
import { countDeliveries } from './countDeliveries.js'
import { createId } from './createId.js'
import { describeError, describeInput, describeType } from './describe.js'
import { createDispatch } from './dispatch.js'
import { loadIdentity, MAX_ID_LENGTH, saveIdentity, type Identity } from './identity.js'
import { readTrackerOptions, type TrackerOptions } from './readTrackerOptions.js'
import type { Tracker } from './tracker.js'
import { PageType, type EventContext, type FlushOptions, type FlushResult, type PageInput, type Properties, type TrackInput } from './types.js'
import { createWarnOnce } from './warnOnce.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

export type { TrackerOptions, ValidationMode } from './readTrackerOptions.js'
export { TrackingValidationError, type Tracker } from './tracker.js'

const DEFAULT_FLUSH_TIMEOUT_MS = 1000
const pageTypes: readonly string[] = Object.values(PageType)

/** ", got <what was passed>" in development; production builds keep the message short. */
const got = (value: unknown): string => (process.env.NODE_ENV !== 'production' ? `, got ${describeInput(value)}` : '')

const nameOf = (input: unknown): string | undefined => {
  const name = (input as { name?: unknown } | null)?.name
  return typeof name === 'string' && name !== '' ? name : undefined
}

/** What a server tracker (`trackplan/node`) changes in a tracker. Not public. */
export interface TrackerInternals {
  /**
   * Whose event this is: a request scope's identity or the call's own ids, or one made for the call,
   * so that a server never shares one anonymous id between its users. Default: the tracker's own.
   */
  identityOf?: (input?: unknown) => Identity
  /** With `validate` set explicitly, events are checked in production builds too. */
  productionValidation?: Validation
}

/** A user id as given per call or to `identify`: numbers are ids too. */
const asId = (id: unknown): unknown => (typeof id === 'number' && Number.isFinite(id) ? String(id) : id)

/**
 * Creates a tracker: the framework-agnostic core that builds envelopes (`envelopeBuilder`), checks
 * them in development (`eventChecker`) and hands them to sinks (`createDispatch`). The React
 * bindings are a thin layer over it.
 *
 * @example
 * const tracker = createTracker({ sinks: [consoleSink()], context: { app: 'webapp' } })
 * tracker.track({ name: 'run_query_button.click' })
 * await tracker.flush()
 */
export function createTracker(options: TrackerOptions = {}): Tracker {
  return createTrackerWith(options, {})
}

/** `createTracker`, with what a server tracker changes. */
export function createTrackerWith(options: TrackerOptions, internals: TrackerInternals): Tracker {
  const development = process.env.NODE_ENV !== 'production'
  const settings = readTrackerOptions(options)
  // Production builds drop validation unless a server tracker brings it, and then use it only when asked.
  const validation = development ? developmentValidation : internals.productionValidation
  const productionChecks = !development && validation !== undefined && (options as TrackerOptions | null)?.validate !== undefined
  if (productionChecks) Object.assign(settings, validation.read(options, settings.log))
  const { log, validate, dryRun, enabled } = settings
  // A disabled tracker leaves storage alone.
  const identityStorage = enabled ? settings.identityStorage : undefined
  const own = loadIdentity(identityStorage, settings.anonymousId)
  const identityOf = internals.identityOf ?? ((): Identity => own)
  const warnOnce = createWarnOnce(log, productionChecks)
  const dispatch = createDispatch(settings, warnOnce)
  const { notify } = dispatch
  const envelope = envelopeBuilder(settings, warnOnce)
  const check =
    !validation || (!development && !productionChecks)
      ? undefined
      : validation.checker(settings, (event, problems) => {
          warnOnce(`${event.type} "${event.name}": ${problems.join('; ')}`)
          notify({ type: 'invalid', problems, event })
        })

  /** An input that cannot become an event at all: reported, logged, and (unless validate is throw) ignored. */
  const reject = (call: string, problem: string, input: unknown): void => {
    const message = `${call}: ${problem}; the call was ignored`
    if (validate === 'throw') throw new validation!.Failure(message)
    log.error(message)
    notify({ type: 'invalid', problems: [problem], input })
  }

  /** Nothing the app passes may throw out of a tracking call, except in validate: 'throw' mode. */
  const guarded =
    <A, B, C>(call: string, run: (a: A, b: B, c?: C) => void) =>
    (a: A, b: B, c?: C): void => {
      if (!enabled) return
      try {
        run(a, b, c)
      } catch (error) {
        if (validate === 'throw' && error instanceof validation!.Failure) throw error
        const problem = `${call} failed and was ignored: ${describeError(error)}`
        log.error(problem)
        notify({ type: 'invalid', problems: [problem], input: a })
      }
    }

  const track = guarded('track', (input: TrackInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('track', `expected { name: string }${got(input)}`, input)
    const { event, problems } = envelope('track', name, (input as { properties?: unknown }).properties, context, identityOf(input))
    dispatch.deliver(event, check ? [...check(`track "${name}"`, event), ...problems] : problems)
  })

  const page = guarded('page', (input: PageInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('page', `expected { name: string }${got(input)}`, input)
    const { type, category, properties } = input as Partial<PageInput>
    const { event, problems } = envelope('page', name, properties, context, identityOf())
    const pageContext: NonNullable<EventContext['page']> = { name, type: PageType.PAGE }
    const own: string[] = []
    if (pageTypes.includes(type!)) pageContext.type = type!
    else if (development && type !== undefined) {
      own.push(`page type ${describeInput(type)} is not one of ${pageTypes.join(', ')}; sent as "page"`)
    }
    if (typeof category === 'string') pageContext.category = category
    else if (development && category !== undefined) {
      own.push(`category must be a string, got ${describeType(category)}; left out`)
    }
    problems.unshift(...own)
    event.context.page = pageContext
    dispatch.deliver(event, check ? [...check(`page "${name}"`, event), ...problems] : problems)
  })

  const identify = guarded('identify', (id: string, traits: Properties | undefined, context?: EventContext): void => {
    const normalized = asId(id)
    if (typeof normalized !== 'string' || normalized === '') {
      return reject('identify', `userId must be a non-empty string${got(id)}`, id)
    }
    if (normalized.length > MAX_ID_LENGTH) return reject('identify', `userId longer than ${MAX_ID_LENGTH}`, id)
    // The tracker's own identity in a browser; on a server, the request's (or, outside one, this call's).
    const who = identityOf()
    who.userId = normalized
    if (who === own) saveIdentity(identityStorage, own)
    const { event, problems } = envelope('identify', 'identify', traits, context, who)
    dispatch.deliver(event, problems)
  })

  const reset = (): void => {
    if (!enabled) return
    const who = identityOf()
    who.userId = undefined
    who.anonymousId = createId()
    if (who === own) saveIdentity(identityStorage, own)
    log.debug('reset: user id cleared, new anonymous id')
  }

  const flush = async (flushOptions?: FlushOptions): Promise<FlushResult> => {
    if (!enabled) return { delivered: 0, dropped: 0, pending: 0 }
    let timeoutMs = flushOptions?.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS
    if (!(typeof timeoutMs === 'number' && timeoutMs >= 0)) {
      if (development) log.warn(`flush: timeoutMs must be a number of at least 0${got(timeoutMs)}; using ${DEFAULT_FLUSH_TIMEOUT_MS}`)
      timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS
    }
    const { sends, flushes } = dispatch.deliveries(timeoutMs)
    return countDeliveries(sends, flushes, timeoutMs)
  }

  const close = async (closeOptions?: FlushOptions): Promise<FlushResult> => {
    const result = await flush(closeOptions)
    dispatch.close()
    return result
  }

  return {
    track,
    page,
    identify,
    reset,
    flush,
    close,
    subscribe: dispatch.subscribe,
    setConsent: dispatch.gate.setConsent,
    consent: dispatch.gate.consent,
    get anonymousId() {
      return identityOf().anonymousId
    },
    get userId() {
      return identityOf().userId
    },
    enabled,
    dryRun,
    log,
  }
}
