export { devCollector } from './vite/devCollector.js'
export type { DevCollectorOptions } from './vite/devCollector.js'
