import type { TrackingPlan } from './definePlan.js'
import { createLogger, isLogLevel } from './createLogger.js'
import { describeError, describeInput, describeType } from './describe.js'
import type { NamingConvention } from './namingConvention.js'
import { MAX_ID_LENGTH } from './identity.js'
import { keyRedactor } from './redaction.js'
import { valueRedactor, type ValueRedactionOptions } from './valueRedaction.js'
import { RENAMED_KEYS } from './sanitizeDeep.js'
import { sanitizeProperties, type SanitizeLimits } from './sanitizeProperties.js'
import { browserStorage, type KeyValueStorage } from './browserStorage.js'
import type { Enricher, Logger, LogLevel, Properties, Sink } from './types.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

/** What the tracker does with an event that breaks the plan: `warn` (send it and say so), `throw`, or `off`. */
export type ValidationMode = 'off' | 'warn' | 'throw'

/** What `createTracker` takes: sinks, context, enrichers, the plan, redaction, consent and logging. */
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
  /**
   * What an event that breaks the naming convention or the plan does. Default "warn" in development.
   * Browser production builds (NODE_ENV=production) skip validation and drop its code; a server
   * tracker (`trackplan/node`) validates in production too when `validate` is set explicitly.
   */
  validate?: ValidationMode
  /** The event-name convention. Default: lowercase snake_case words joined by dots. */
  eventNames?: NamingConvention
  /** Longer strings in properties are cut. Default 8192. */
  maxStringLength?: number
  /** Start with this anonymous id instead of a new random one. */
  anonymousId?: string
  /** Validate names and properties against this plan (see `definePlan`), as `validate` says. */
  plan?: TrackingPlan
  /**
   * Property keys whose values are replaced with "[REDACTED]" in properties, traits and global
   * context, at any depth, before any sink sees them. Default `defaultRedactedKeys`; false for none.
   */
  redact?: readonly string[] | false
  /**
   * Secrets inside values, under any key: JWTs, bearer and basic credentials, card numbers, secret
   * URL parameters and user-info, the named segments of `paths` (and emails if asked) become
   * "[REDACTED]" in every way into an event. Default on, emails kept; false for none.
   */
  redactValues?: ValueRedactionOptions | false
  /** Where the anonymous id and user id survive reloads. Default localStorage where usable; false for nowhere. */
  identityStorage?: KeyValueStorage | false
  /** Functions that add to every event's context, in order (see `trackplan/enrichers`). */
  enrich?: Enricher[]
  /** "opt-in": a sink's events wait until `setConsent` grants its category. Default "not-required". */
  consent?: 'not-required' | 'opt-in'
}

export interface TrackerSettings {
  log: Logger
  sinks: Sink[]
  context: Properties
  /** "off" in production builds, unless a server tracker was asked explicitly. */
  validate: ValidationMode
  dryRun: boolean
  /** Undefined for the default convention. */
  eventNames: NamingConvention | undefined
  plan: TrackingPlan | undefined
  limits: SanitizeLimits
  identityStorage: KeyValueStorage | undefined
  enrich: Enricher[]
  optIn: boolean
  enabled: boolean
  anonymousId: string | undefined
}

/** A sink as the tracker keeps it, or undefined (said at error level) when it has no send(). */
export function readSink(sink: Sink, label: string, log: Logger): Sink | undefined {
  try {
    if (typeof sink?.send !== 'function') return void log.error(`${label} has no send() function; it was left out`)
    // Its name is read here, once: a getter that throws would otherwise cost every later sink its events.
    const name = sink.name
    if (typeof name === 'string' && name !== '') return sink
  } catch {
    // an unreadable name, reported below
  }
  log.error(`${label} has no readable name; it is called "${label}"`)
  return Object.create(sink, { name: { value: label } }) as Sink
}

type Validation = Pick<TrackerSettings, 'validate' | 'plan' | 'eventNames'>
const validationOff: Validation = { validate: 'off', plan: undefined, eventNames: undefined }

/** How events are checked: `validate` (default "warn"), the plan and the naming convention, each read defensively. */
export function readValidation(options: TrackerOptions, log: Logger): Validation {
  let validate: ValidationMode = options.validate ?? 'warn'
  if (validate !== 'off' && validate !== 'warn' && validate !== 'throw') {
    log.error(`validate ${describeInput(validate)} is not one of off, warn, throw; using "warn"`)
    validate = 'warn'
  }
  let plan: TrackingPlan | undefined
  if (options.plan !== undefined) {
    if (typeof options.plan?.events === 'object' && options.plan.events !== null) plan = options.plan
    else log.error('plan must be an object with "events" (see definePlan); it was ignored')
  }
  let eventNames = options.eventNames
  if (eventNames !== undefined && eventNames !== false && typeof eventNames !== 'function' && !(eventNames instanceof RegExp)) {
    log.error(`eventNames must be a RegExp, a function or false, got ${describeType(eventNames)}; using the default convention`)
    eventNames = undefined
  }
  return { validate, plan, eventNames }
}

/**
 * The options with defaults filled in; in development, a message for each one that had to be
 * replaced. Options that throw when read (a getter, a Proxy) give the defaults and one error.
 */
export function readTrackerOptions(given: TrackerOptions): TrackerSettings {
  try {
    return read(given)
  } catch (error) {
    const settings = read({})
    settings.log.error(`createTracker: options could not be read (${describeError(error)}); using the defaults`)
    return settings
  }
}

function read(given: TrackerOptions): TrackerSettings {
  // Configuration mistakes are logged at error level in every build, with details in development only.
  const options: TrackerOptions = typeof given === 'object' && given !== null ? given : {}
  const dryRun = options.dryRun === true
  const defaultLevel: LogLevel = dryRun ? 'info' : process.env.NODE_ENV !== 'production' ? 'warn' : 'error'
  const log = createLogger(isLogLevel(options.logLevel) ? options.logLevel : defaultLevel)
  if (options !== given) log.error(`createTracker: options must be an object${process.env.NODE_ENV !== 'production' ? `, got ${describeType(given)}` : ''}; using the defaults`)
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    log.error(`logLevel ${process.env.NODE_ENV !== 'production' ? `${describeInput(options.logLevel)} is not one of silent, error, warn, info, debug` : 'is not valid'}; using "${defaultLevel}"`)
  }

  // Production builds leave validation out, and its code with it, unless the app asks (trackplan/node).
  const { validate, plan, eventNames } = process.env.NODE_ENV !== 'production' ? readValidation(options, log) : validationOff

  const redact = keyRedactor(options.redact)
  const limits: SanitizeLimits = { maxStringLength: 8192, maxDepth: 10, redact }
  if (options.redactValues !== false) limits.redactValue = valueRedactor(typeof options.redactValues === 'object' && options.redactValues !== null ? options.redactValues : {}, redact)
  if (typeof options.maxStringLength === 'number' && options.maxStringLength > 0) limits.maxStringLength = options.maxStringLength

  let context: Properties = {}
  if (options.context !== undefined) {
    const sanitized = sanitizeProperties(options.context, limits)
    if (process.env.NODE_ENV !== 'production' && sanitized.problems.length > 0) log.warn(`context: ${sanitized.problems.join('; ')}`)
    if (sanitized.renamed > 0) log.error(`context: ${RENAMED_KEYS}`)
    context = sanitized.properties
  }

  const sinks: Sink[] = []
  if (options.sinks !== undefined && !Array.isArray(options.sinks)) {
    log.error(`sinks must be an array${process.env.NODE_ENV !== 'production' ? `, got ${describeType(options.sinks)}` : ''}; no sink will receive events`)
  }
  ;(Array.isArray(options.sinks) ? options.sinks : []).forEach((sink, index) => {
    const read = readSink(sink, `sinks[${index}]`, log)
    if (read) sinks.push(read)
  })

  const enrich = Array.isArray(options.enrich) ? options.enrich.filter((enricher) => typeof enricher === 'function') : []
  let anonymousId: string | undefined
  if (typeof options.anonymousId === 'string' && options.anonymousId !== '' && options.anonymousId.length <= MAX_ID_LENGTH) anonymousId = options.anonymousId
  else if (options.anonymousId !== undefined) log.error(`anonymousId must be a string of 1 to ${MAX_ID_LENGTH} characters; a new one is used`)
  const identityStorage = options.identityStorage === false ? undefined : (options.identityStorage ?? browserStorage())
  return { log, sinks, context, validate, dryRun, eventNames, plan, limits, identityStorage, enrich, optIn: options.consent === 'opt-in', enabled: options.enabled !== false, anonymousId }
}
