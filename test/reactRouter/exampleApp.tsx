// An app in the shape of react-router's data-router examples: a root layout with navigation, an
// index page, a list whose loader takes time and whose `filter` search param is a view of its own,
// detail pages by id, a protected page whose loader redirects to the login page, a loader that
// throws, a loader that throws a 404, and paths no route matches.
import { StrictMode } from 'react'
import { data, Link, Outlet, redirect, RouterProvider, useLoaderData, useNavigate, useRouteError, type RouteObject } from 'react-router'
import type { Tracker } from '../../src/core.ts'
import { TrackingProvider, useTracking } from '../../src/react.ts'
import { pageHandle, TrackRouter, type DataRouterLike } from '../../src/react-router.ts'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const todos = ['Buy milk', 'Write tests', 'Ship it']

function Nav() {
  const { track } = useTracking()
  return (
    <nav>
      <Link to="/">Home</Link> <Link to="/todos">Todos</Link> <Link to="/protected">Protected</Link> <Link to="/broken">Broken</Link>
      <button onClick={() => track({ name: 'help_button.clicked' })}>Help</button>
    </nav>
  )
}

function Layout() {
  return (
    <>
      <Nav />
      <Outlet />
    </>
  )
}

function Todos() {
  const items = useLoaderData() as string[]
  return (
    <ul>
      {items.map((item, index) => (
        <li key={item}>
          <Link to={`/todos/${index}`}>{item}</Link>
        </li>
      ))}
      <Link to="/todos?filter=open">Open only</Link> <Link to="/todos?filter=open&sort=name">Open, by name</Link>
    </ul>
  )
}

function Todo() {
  const { id, title } = useLoaderData() as { id: number; title: string }
  const navigate = useNavigate()
  const { track } = useTracking()
  return (
    <>
      <h1>{title}</h1>
      <button onClick={() => track({ name: 'todo.completed', properties: { id } })}>Done</button>
      <button onClick={() => void navigate(`/todos/${id + 1}`)}>Next</button>
    </>
  )
}

function ErrorView() {
  const error = useRouteError() as { status?: number }
  const { track } = useTracking()
  return (
    <>
      <Nav />
      <h1>{error?.status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <button onClick={() => track({ name: 'retry_button.clicked' })}>Retry</button>
    </>
  )
}

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    HydrateFallback: () => <p>Loading…</p>,
    errorElement: <ErrorView />,
    children: [
      { index: true, Component: () => <h1>Home</h1>, handle: pageHandle({ pageName: 'home' }) },
      {
        path: 'todos',
        loader: async () => (await wait(30), todos),
        Component: Todos,
        handle: pageHandle({ pageName: 'todos', trackSearchChanges: ['filter'], pageSearchParams: ['filter'] }),
      },
      {
        path: 'todos/:id',
        loader: async ({ params }) => {
          await wait(30)
          const id = Number(params.id)
          if (!todos[id]) throw data('no such todo', { status: 404 })
          return { id, title: todos[id] }
        },
        Component: Todo,
        handle: pageHandle({ pageName: 'todo' }),
      },
      { path: 'protected', loader: () => redirect('/login'), Component: () => <h1>Secret</h1>, handle: pageHandle({ pageName: 'protected' }) },
      { path: 'login', Component: () => <h1>Log in</h1> },
      {
        path: 'broken',
        loader: () => {
          throw new Error('the loader failed')
        },
        Component: () => <h1>Never</h1>,
      },
    ],
  },
]

export function App({ router, tracker, strict = false }: { router: DataRouterLike & Parameters<typeof RouterProvider>[0]['router']; tracker: Tracker; strict?: boolean }) {
  const app = (
    <TrackingProvider tracker={tracker}>
      <TrackRouter router={router}>
        <RouterProvider router={router} />
      </TrackRouter>
    </TrackingProvider>
  )
  return strict ? <StrictMode>{app}</StrictMode> : app
}
