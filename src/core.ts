export { createTracker, TrackingValidationError } from './core/createTracker.js'
export type { Tracker } from './core/createTracker.js'
export type { TrackerOptions, ValidationMode } from './core/readTrackerOptions.js'
export { memorySink } from './core/memorySink.js'
export { withRouting } from './core/withRouting.js'
export { lateSinks } from './core/lateSinks.js'
export type { LateSinks, LateSinksOptions } from './core/lateSinks.js'
export type { EventFilter, RoutingOptions } from './core/withRouting.js'
export type { MemorySink } from './core/memorySink.js'
export { consoleSink } from './core/consoleSink.js'
export type { ConsoleSinkOptions } from './core/consoleSink.js'
export { defaultEventNamePattern } from './core/namingConvention.js'
export { defaultRedactedKeys } from './core/redaction.js'
export type { ValueRedactionOptions } from './core/valueRedaction.js'
export type { NamingConvention } from './core/namingConvention.js'
export { definePlan } from './core/definePlan.js'
export type { EventDefinition, NameDefinition, TrackingPlan } from './core/definePlan.js'
export type { InferSchemaInput, StandardIssue, StandardResult, StandardSchemaV1 } from './core/standardSchema.js'
export { PageType } from './core/types.js'
export type {
  EventContext,
  Enricher,
  EventType,
  FlushOptions,
  FlushResult,
  Logger,
  LogLevel,
  PageContext,
  PageInput,
  Properties,
  Register,
  RegisteredCategoryName,
  RegisteredEventName,
  RegisteredEventProperties,
  RegisteredPageName,
  RegisteredSectionName,
  SectionContext,
  Sink,
  SinkContext,
  TrackedEvent,
  TrackingListener,
  TrackingNotice,
  TrackInput,
} from './core/types.js'
export type { KeyValueStorage } from './core/browserStorage.js'
