// trackplan/node: tracking on a server, with no React. Everything a server needs is here, the
// core's exports included, so that one import serves.
export * from './core.js'
export { httpSink, batchFormat, eventListFormat } from './http.js'
export type { BatchFormat, BatchInfo, HttpSink, HttpSinkOptions, RetryOptions } from './http.js'
export type { JournalEntry, QueueJournal } from './http.js'
export { createServerTracker } from './node/createServerTracker.js'
export type { EventIdentity, ScopeInput, ServerTracker, ServerTrackerOptions, ServerTrackInput } from './node/createServerTracker.js'
export { trackRequests } from './node/trackRequests.js'
export type { RequestLike, ResponseLike, TrackRequestsOptions } from './node/trackRequests.js'
export { diskQueue } from './node/diskQueue.js'
export type { DiskQueueOptions } from './node/diskQueue.js'
export { serverHttpSink } from './node/serverHttpSink.js'
export type { ServerHttpSinkOptions } from './node/serverHttpSink.js'
