// What the other entries (http, destinations, react, router) build on from the core. Not part of the public API.
export { browserStorage } from './browserStorage.js'
export { createId } from './createId.js'
export { createLogger } from './createLogger.js'
export { describeInput } from './describe.js'
export { sinkReporter, type SinkReporter } from './sinkReporter.js'
