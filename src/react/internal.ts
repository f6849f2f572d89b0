// What other entries (the router's) build on: the scope React components share, and how a page
// opens one. Not part of the public API.
export { pageEventContext, pageScope, scopeContext, TrackingContext } from './TrackingContext.js'
export type { TrackingScope } from './TrackingContext.js'
export { useShownPage } from './useShownPage.js'
export { useRoutedPage } from './useRoutedPage.js'
export type { RoutedPage, RouteTracking } from './useRoutedPage.js'
