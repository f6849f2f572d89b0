// trackplan/react-router: page views of a react-router data router, named from each route's handle,
// and of declarative <Routes>, one <TrackRoute> per route element.
export { pageHandle, TrackRouter } from './reactRouter/TrackRouter.js'
export type { DataRouterLike, PageHandle, TrackRouterProps } from './reactRouter/TrackRouter.js'
export type { RouteHandleTracking, RouterStateLike } from './reactRouter/selectRouterPage.js'
export { TrackRoute } from './reactRouter/TrackRoute.js'
export type { TrackRouteProps } from './reactRouter/TrackRoute.js'
