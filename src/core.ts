export { createTracker, TrackingValidationError } from './core/createTracker'
export type { Tracker, TrackerOptions, ValidationMode } from './core/createTracker'
export { memorySink } from './core/memorySink'
export type { MemorySink } from './core/memorySink'
export { consoleSink } from './core/consoleSink'
export type { ConsoleSinkOptions } from './core/consoleSink'
export { defaultEventNamePattern } from './core/namingConvention'
export type { NamingConvention } from './core/namingConvention'
export { PageType } from './core/types'
export type {
  EventContext,
  EventType,
  FlushOptions,
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
} from './core/types'
