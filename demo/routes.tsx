import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { TrackRoutes } from 'trackplan/router'
import { Explorer } from './pages/Explorer'
import { Layout } from './pages/Layout'
import { Welcome } from './pages/Welcome'
import { PageName } from './plan'

const rootRoute = createRootRoute({ component: Layout })

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/', staticData: { pageName: PageName.WELCOME }, component: Welcome }),
  createRoute({ getParentRoute: () => rootRoute, path: '/explorer', staticData: { pageName: PageName.EXPLORER }, component: Explorer }),
])

/** TrackRoutes as InnerWrap: one page event per navigation, and the route's page as context below. */
export const router = createRouter({ routeTree, InnerWrap: TrackRoutes })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
