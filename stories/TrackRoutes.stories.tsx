import type { Meta, StoryObj } from '@storybook/react-vite'
import { createMemoryHistory, createRootRoute, createRoute, createRouter, Link, Outlet, RouterProvider } from '@tanstack/react-router'
import { useState, type ReactNode } from 'react'
import { TrackRoutes } from 'trackplan/router'
import { PageName } from '../demo/plan'
import { RunQueryButton } from './components/RunQueryButton'

function RoutedApp(): ReactNode {
  const [router] = useState(() => {
    const rootRoute = createRootRoute({
      component: () => (
        <>
          <nav style={{ display: 'flex', gap: 12, marginBottom: 12 }}>
            <Link to="/">Welcome</Link>
            <Link to="/explorer">Explorer</Link>
            <Link to="/posts/$postId" params={{ postId: '42' }}>A post</Link>
          </nav>
          <Outlet />
        </>
      ),
    })
    const routeTree = rootRoute.addChildren([
      createRoute({ getParentRoute: () => rootRoute, path: '/', staticData: { pageName: PageName.WELCOME }, component: () => <p>Welcome</p> }),
      createRoute({ getParentRoute: () => rootRoute, path: '/explorer', staticData: { pageName: PageName.EXPLORER }, component: RunQueryButton }),
      createRoute({ getParentRoute: () => rootRoute, path: '/posts/$postId', component: () => <p>A post without a pageName</p> }),
    ])
    return createRouter({ routeTree, history: createMemoryHistory({ initialEntries: ['/'] }), InnerWrap: TrackRoutes })
  })
  return <RouterProvider router={router} />
}

const meta = {
  title: 'Tracking/TrackRoutes',
  component: RoutedApp,
} satisfies Meta<typeof RoutedApp>

export default meta

/** A TanStack Router app: each navigation is one page event, named from `staticData.pageName` or the path template. */
export const Navigation: StoryObj<typeof meta> = {}
