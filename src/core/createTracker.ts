import { envelopeBuilder } from './buildEnvelope.js'
import { eventChecker } from './checkEvent.js'
import { createId } from './createId.js'
import { describeError, describeInput, describeType } from './describe.js'
import { createDispatch } from './dispatch.js'
import { loadIdentity, MAX_ID_LENGTH, saveIdentity } from './identity.js'
import { readTrackerOptions, type TrackerOptions, type TrackerSettings } from './readTrackerOptions.js'
import { TrackingValidationError, type Tracker } from './tracker.js'
import { PageType, type EventContext, type FlushOptions, type PageInput, type Properties, type TrackInput } from './types.js'
import { createWarnOnce } from './warnOnce.js'

// Development-only code tests `process.env.NODE_ENV !== 'production'`, which bundlers replace in
// production builds so that minifiers drop what it guards. Code that runs on every call reads it once
// per factory into a local `development` constant, folded the same way (a module-level or imported
// constant is not folded by every bundler) and cheap in unbundled Node, where each read costs ~0.2 µs.
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

/** The options as read; options that throw when read (a getter, a Proxy) give the defaults and one error. */
function readOptions(options: TrackerOptions): TrackerSettings {
  try {
    return readTrackerOptions(options)
  } catch (error) {
    const settings = readTrackerOptions({})
    settings.log.error(`createTracker: options could not be read (${describeError(error)}); using the defaults`)
    return settings
  }
}

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
  const development = process.env.NODE_ENV !== 'production'
  const settings = readOptions(options)
  const { log, validate, dryRun, enabled } = settings
  // A disabled tracker leaves storage alone.
  const identityStorage = enabled ? settings.identityStorage : undefined
  const identity = loadIdentity(identityStorage, settings.anonymousId)
  const warnOnce = createWarnOnce(log)
  const dispatch = createDispatch(settings, warnOnce)
  const { notify } = dispatch
  const envelope = envelopeBuilder(settings, identity, warnOnce)
  const check =
    !development
      ? undefined
      : eventChecker(settings, (event, problems) => {
          warnOnce(`${event.type} "${event.name}": ${problems.join('; ')}`)
          notify({ type: 'invalid', problems, event })
        })

  /** An input that cannot become an event at all: reported, logged, and (unless validate is throw) ignored. */
  const reject = (call: string, problem: string, input: unknown): void => {
    const message = `${call}: ${problem}; the call was ignored`
    if (development && validate === 'throw') throw new TrackingValidationError(message)
    log.error(message)
    notify({ type: 'invalid', problems: [problem], input })
  }

  /** Nothing the app passes may throw out of a tracking call, except in validate: 'throw' mode. */
  const guarded =
    <A, B>(call: string, run: (a: A, b: B) => void) =>
    (a: A, b: B): void => {
      if (!enabled) return
      try {
        run(a, b)
      } catch (error) {
        if (development && error instanceof TrackingValidationError) throw error
        const problem = `${call} failed and was ignored: ${describeError(error)}`
        log.error(problem)
        notify({ type: 'invalid', problems: [problem], input: a })
      }
    }

  const track = guarded('track', (input: TrackInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('track', `expected { name: string }${got(input)}`, input)
    const { event, problems } = envelope('track', name, (input as { properties?: unknown }).properties, context)
    dispatch.deliver(event, check ? [...check(`track "${name}"`, event), ...problems] : problems)
  })

  const page = guarded('page', (input: PageInput, context: EventContext | undefined): void => {
    const name = nameOf(input)
    if (name === undefined) return reject('page', `expected { name: string }${got(input)}`, input)
    const { type, category, properties } = input as Partial<PageInput>
    const { event, problems } = envelope('page', name, properties, context)
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

  const identify = guarded('identify', (id: string, traits: Properties | undefined): void => {
    const normalized = typeof id === 'number' && Number.isFinite(id) ? String(id) : id
    if (typeof normalized !== 'string' || normalized === '') {
      return reject('identify', `userId must be a non-empty string${got(id)}`, id)
    }
    if (normalized.length > MAX_ID_LENGTH) return reject('identify', `userId longer than ${MAX_ID_LENGTH}`, id)
    identity.userId = normalized
    saveIdentity(identityStorage, identity)
    const { event, problems } = envelope('identify', 'identify', traits, undefined)
    dispatch.deliver(event, problems)
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
      if (development) log.warn(`flush: timeoutMs must be a number of at least 0${got(timeoutMs)}; using ${DEFAULT_FLUSH_TIMEOUT_MS}`)
      timeoutMs = DEFAULT_FLUSH_TIMEOUT_MS
    }
    const waits = dispatch.deliveries(timeoutMs)
    if (waits.length === 0) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(resolve, timeoutMs)
    })
    await Promise.race([Promise.allSettled(waits), timeout])
    clearTimeout(timer)
  }

  return {
    track,
    page,
    identify,
    reset,
    flush,
    subscribe: dispatch.subscribe,
    setConsent: dispatch.gate.setConsent,
    consent: dispatch.gate.consent,
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
