// An app in the shape of TanStack Router's kitchen-sink example (written here, not copied): a root
// layout with a nav, a dashboard layout with invoices (slow loaders, a pending view, notFound() for
// a missing invoice) and users (search params), a login redirect in front of a profile, and
// not-found views at the root and inside the dashboard. TrackRoutes is the router's InnerWrap.
import { createMemoryHistory, createRootRoute, createRoute, createRouter, notFound, Outlet, redirect, useNavigate } from '@tanstack/react-router'
import { useEffect, type ReactNode } from 'react'
import { useTracking } from 'trackplan'
import { TrackRoutes, type TrackRoutesProps } from 'trackplan/router'

const invoices = new Map([
  [1, 'Rent'],
  [2, 'Laptop'],
])
export const loaderDelayMs = 80
const slowly = <T,>(value: () => T): Promise<T> => new Promise((resolve, reject) => setTimeout(() => {
  try {
    resolve(value())
  } catch (error) {
    reject(error)
  }
}, loaderDelayMs))

/** As the example's invoice view does: it writes its notes into the URL with replace navigations, from its first render. */
function InvoiceView(): ReactNode {
  const navigate = useNavigate()
  useEffect(() => {
    void navigate({ search: (old: Record<string, unknown>) => ({ ...old, notes: typeof old.notes === 'string' ? old.notes : '' }), replace: true } as never)
  }, [navigate])
  return (
    <>
      <h1>Invoice</h1>
      <Track name="invoice_save_button.click" label="Save" />
    </>
  )
}

function Track({ name, label }: { name: string; label: string }): ReactNode {
  const { track } = useTracking()
  return <button onClick={() => track({ name })}>{label}</button>
}

export function createExampleApp({ initial = '/', trackRoutes = {} }: { initial?: string; trackRoutes?: Omit<TrackRoutesProps, 'children'> } = {}) {
  const auth = { user: null as string | null }
  const rootRoute = createRootRoute({
    component: () => (
      <>
        <nav>
          <Track name="nav_help_button.click" label="Help" />
        </nav>
        <Outlet />
      </>
    ),
    notFoundComponent: () => (
      <p>
        Nothing here. <Track name="not_found_home_button.click" label="Home" />
      </p>
    ),
  })
  const home = createRoute({ getParentRoute: () => rootRoute, path: '/', staticData: { pageName: 'home' }, component: () => <h1>Home</h1> })
  const dashboard = createRoute({
    getParentRoute: () => rootRoute,
    path: '/dashboard',
    staticData: { pageCategory: 'dashboard' },
    component: () => <Outlet />,
    notFoundComponent: () => <p>No such dashboard page.</p>,
  })
  const dashboardIndex = createRoute({ getParentRoute: () => dashboard, path: '/', staticData: { pageName: 'dashboard' }, component: () => <h1>Dashboard</h1> })
  const invoicesRoute = createRoute({
    getParentRoute: () => dashboard,
    path: '/invoices',
    staticData: { pageName: 'invoices' },
    loader: () => slowly(() => [...invoices.keys()]),
    pendingMs: 0,
    pendingComponent: () => <p>Loading invoices…</p>,
    component: () => <Outlet />,
  })
  const invoicesIndex = createRoute({ getParentRoute: () => invoicesRoute, path: '/', component: () => <h1>Invoices</h1> })
  const invoice = createRoute({
    getParentRoute: () => invoicesRoute,
    path: '/$invoiceId',
    staticData: { pageName: 'invoice', trackSearchChanges: ['showNotes'] },
    loader: ({ params }) =>
      slowly(() => {
        const title = invoices.get(Number(params.invoiceId))
        if (!title) throw notFound()
        return title
      }),
    validateSearch: (search: Record<string, unknown>) => ({ showNotes: search.showNotes === true || search.showNotes === 'true', notes: typeof search.notes === 'string' ? search.notes : '' }),
    pendingMs: 0,
    pendingComponent: () => <p>Loading invoice…</p>,
    component: InvoiceView,
  })
  const users = createRoute({
    getParentRoute: () => dashboard,
    path: '/users',
    staticData: { pageName: 'users', pageSearchParams: ['sortBy'] },
    validateSearch: (search: Record<string, unknown>) => ({ sortBy: typeof search.sortBy === 'string' ? search.sortBy : 'name', filterBy: typeof search.filterBy === 'string' ? search.filterBy : '' }),
    component: () => <h1>Users</h1>,
  })
  const login = createRoute({ getParentRoute: () => rootRoute, path: '/login', staticData: { pageName: 'login' }, component: () => <h1>Login</h1> })
  const profile = createRoute({
    getParentRoute: () => rootRoute,
    path: '/profile',
    staticData: { pageName: 'profile' },
    beforeLoad: () => {
      if (!auth.user) throw redirect({ to: '/login' })
    },
    component: () => <h1>Profile</h1>,
  })
  const routeTree = rootRoute.addChildren([
    home,
    dashboard.addChildren([dashboardIndex, invoicesRoute.addChildren([invoicesIndex, invoice]), users]),
    login,
    profile,
  ])
  const router = createRouter({
    routeTree,
    history: createMemoryHistory({ initialEntries: [initial] }),
    InnerWrap: ({ children }) => <TrackRoutes {...trackRoutes}>{children}</TrackRoutes>,
    defaultPreload: false,
  })
  return { router, auth }
}
