export { TrackRoutes } from './router/TrackRoutes.js'
export type { TrackRoutesProps } from './router/TrackRoutes.js'
