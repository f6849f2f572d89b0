export { TrackingDevtools } from './devtools/TrackingDevtools.js'
export type { TrackingDevtoolsProps } from './devtools/TrackingDevtools.js'
export { devtoolsStore } from './devtools/devtoolsStore.js'
export type { DeliveryState, DevtoolsRow, DevtoolsStore } from './devtools/devtoolsStore.js'
