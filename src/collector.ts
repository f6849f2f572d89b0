// trackplan/collector: the ingest side, with no React and no framework. A handler from `Request` to
// `Response`, the stores and de-duplication it uses, and an adapter for Node's http.
export { createCollector } from './collector/createCollector.js'
export type { CollectedEvent, Collector, CollectorCounters, CollectorOptions } from './collector/createCollector.js'
export { jsonlFile } from './collector/jsonlFile.js'
export type { EventFile, JsonlFileOptions } from './collector/jsonlFile.js'
export { memoryDedupe } from './collector/dedupe.js'
export type { Dedupe, MemoryDedupeOptions } from './collector/dedupe.js'
export { redisDedupe } from './collector/redisDedupe.js'
export type { RedisDedupeOptions } from './collector/redisDedupe.js'
export { nodeHandler } from './collector/nodeHandler.js'
export { serveCollector } from './collector/serveCollector.js'
export type { CollectorServer, ServeCollectorOptions } from './collector/serveCollector.js'
