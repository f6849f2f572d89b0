import type { TrackingPlan } from './definePlan.js'
import type { InferSchemaInput, StandardSchemaV1 } from './standardSchema.js'

/**
 * The app's tracking plan, filled in by module augmentation. Without it every name is a plain string.
 *
 * @example
 * declare module 'trackplan/core' {
 *   interface Register {
 *     eventName: EventName
 *     pageName: PageName
 *     sectionName: SectionName
 *     categoryName: CategoryName
 *     eventProperties: { [EventName.QUERY_RUN]: { rows: number; cached?: boolean } }
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Register {}

/** The plan registered as `Register['plan']` (see `definePlan`), if any. */
type RegisteredPlan = Register extends { plan: infer Plan extends TrackingPlan } ? Plan : undefined

/** The names a registered plan declares under `key`, or `string` where it declares none. */
type PlanNames<Key extends keyof TrackingPlan> = RegisteredPlan extends { [K in Key]: infer Names extends object } ? keyof Names & string : string

/** An explicitly registered name type wins; then the plan's names; then `string`. */
type Registered<Key extends string, FromPlan extends string> = Register extends { [K in Key]: infer T extends string } ? T : FromPlan

/** Event names the app registered, or `string` without a Register. */
export type RegisteredEventName = Registered<'eventName', PlanNames<'events'>>
/** Page names the app registered, or `string` without a Register. */
export type RegisteredPageName = Registered<'pageName', PlanNames<'pages'>>
/** Section names the app registered, or `string` without a Register. */
export type RegisteredSectionName = Registered<'sectionName', PlanNames<'sections'>>
/** Page categories the app registered, or `string` without a Register. */
export type RegisteredCategoryName = Registered<'categoryName', PlanNames<'categories'>>
/** The property types the app registered per event name, or those of the plan's schemas. */
export type RegisteredEventProperties = Register extends { eventProperties: infer P extends object }
  ? P
  : RegisteredPlan extends { events: infer Events }
    ? { [N in keyof Events as Events[N] extends { properties: StandardSchemaV1 } ? N : never]: Events[N] extends { properties: infer S } ? InferSchemaInput<S> : never }
    : {}

/** Free-form event properties. */
export type Properties = Record<string, unknown>

type PropertiesField<P> = {} extends P ? { properties?: P } : { properties: P }

/**
 * What `track()` accepts: a registered name, and for names listed in `eventProperties`,
 * exactly the registered properties.
 */
export type TrackInput = {
  [N in RegisteredEventName]: N extends keyof RegisteredEventProperties
    ? { name: N } & PropertiesField<RegisteredEventProperties[N]>
    : { name: N; properties?: Properties }
}[RegisteredEventName]

/**
 * Whether a page is a full page or a modal shown over one.
 *
 * @example
 * <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS} />
 */
export const PageType = {
  PAGE: 'page',
  MODAL: 'modal',
} as const
export type PageType = (typeof PageType)[keyof typeof PageType]

/** What `page()` accepts. */
export interface PageInput {
  name: RegisteredPageName
  type?: PageType
  category?: RegisteredCategoryName
  properties?: Properties
}

/** The page (or modal) an event happened on. */
export interface PageContext {
  name: string
  type: PageType
  category?: string
}

/** The section an event happened in, with the sections around it. */
export interface SectionContext {
  name: string
  /** Outermost first; ends with `name`. */
  path: string[]
}

/** What is known about where an event happened: the page, the section and anything the app or the enrichers add. */
export interface EventContext {
  page?: PageContext
  section?: SectionContext
  [key: string]: unknown
}

/** What an event is: a tracked action, a page view, or an identify. */
export type EventType = 'track' | 'page' | 'identify'

/** The envelope every sink receives: a contract between the app and whoever reads the data. */
export interface TrackedEvent {
  /** Unique per event and never changed, so collectors can drop duplicates. */
  id: string
  type: EventType
  name: string
  properties: Properties
  context: EventContext
  /** ISO 8601, when the call was made. */
  timestamp: string
  anonymousId: string
  userId?: string
}

/** How much the tracker says, from nothing to every event. */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug'

/** Where the tracker says what happened, by level. */
export interface Logger {
  readonly level: LogLevel
  /** Something went wrong that the app should fix; said in production too. */
  error(message: string, ...details: unknown[]): void
  /** A problem found in development. */
  warn(message: string, ...details: unknown[]): void
  /** What happened, for a closer look (dry runs). */
  info(message: string, ...details: unknown[]): void
  /** Every event, as it is sent. */
  debug(message: string, ...details: unknown[]): void
}

/** Everything that happens to an event, as reported to `tracker.subscribe` listeners. */
export type TrackingNotice =
  | { type: 'tracked'; event: TrackedEvent }
  | { type: 'invalid'; problems: string[]; event?: TrackedEvent; input?: unknown }
  | { type: 'skipped'; event: TrackedEvent; reason: 'dry-run' | 'filtered' | 'sampled-out'; sink?: string }
  | { type: 'queued'; event: TrackedEvent; sink: string }
  | { type: 'sent'; event: TrackedEvent; sink: string }
  | { type: 'retried'; event: TrackedEvent; sink: string; attempt: number; reason: string; delayMs: number }
  | { type: 'failed'; event: TrackedEvent; sink: string; error: unknown }
  | { type: 'dropped'; event: TrackedEvent; sink: string; reason: string }

/** A function that `tracker.subscribe` calls with every notice. */
export type TrackingListener = (notice: TrackingNotice) => void

/** What a tracker hands each sink when it starts. */
export interface SinkContext {
  readonly log: Logger
  /** Report what happened to an event; reaches `tracker.subscribe` listeners. */
  report(notice: TrackingNotice): void
  /** Whether a `tracker.subscribe` listener would hear a report now: a sink may skip notices nobody hears. */
  readonly listening?: boolean
}

/** How long `flush` and `close` wait for delivery. */
export interface FlushOptions {
  /** Resolve after this long even if delivery is not finished. Default 1000. */
  timeoutMs?: number
}

/**
 * What became of the events a `flush()` or `close()` waited for: acknowledged, dropped (with a
 * notice saying why), or still pending when it returned (kept by the sink: in memory, or on disk for
 * the next start where its queue is durable).
 */
export interface FlushResult {
  delivered: number
  dropped: number
  pending: number
}

/**
 * A destination for events. `send` may return a promise that settles once delivered.
 * Sinks that queue (HTTP) implement `flush`; `start` receives the tracker's logger and reporter.
 */
export interface Sink {
  readonly name: string
  /** Every sink receives the same event objects: read them, never change them. */
  send(events: TrackedEvent[]): void | Promise<void>
  /**
   * Set when the sink reports its own `sent`/`failed` notices (queueing sinks);
   * otherwise the tracker reports them when `send` returns or settles.
   */
  readonly reportsDelivery?: boolean
  /** Resolves once delivered, or after `timeoutMs`; with what became of the events, where the sink counts them. */
  flush?(options: Required<FlushOptions>): Promise<FlushResult | void>
  /** Stops timers and connections; what is still queued stays where the sink keeps it. */
  close?(): void
  /** Called once, before the first event it gets (or when consent first lets it start). */
  start?(context: SinkContext): void
  /**
   * Consent for this sink's category was denied: drop everything it holds, in memory and in storage,
   * and report each event as `dropped` with `reason`. What is already on the wire cannot be recalled.
   * `context` is the one `start` gets: a sink may be discarded without ever having been started.
   */
  discard?(reason: string, context: SinkContext): void
  /** The consent category this sink needs (with `consent: 'opt-in'`); default "analytics". */
  readonly consent?: string
}

/** Adds to every event's context: what it returns is merged into `event.context`. */
export type Enricher = (event: TrackedEvent) => Properties | undefined | void
