// trackplan/react-router's TrackRoute on declarative <Routes> (MemoryRouter), under StrictMode.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { Link, MemoryRouter, Navigate, Outlet, Route, Routes, useNavigate, useParams } from 'react-router'
import { expect, it } from 'vitest'
import { createTracker, memorySink } from '../../src/core.ts'
import { TrackingProvider, useTracking } from '../../src/react.ts'
import { TrackRoute } from '../../src/react-router.ts'

function Layout() {
  const { track } = useTracking()
  return (
    <>
      <Link to="/todos/1">First</Link> <Link to="/protected">Protected</Link> <Link to="/files/docs/readme.md">Readme</Link>
      <button onClick={() => track({ name: 'help_button.clicked' })}>Help</button>
      <Outlet />
    </>
  )
}
function Todo() {
  const { id } = useParams()
  const navigate = useNavigate()
  return <button onClick={() => void navigate(`/todos/${Number(id) + 1}`)}>Next</button>
}

it('one page event per view with route and path; param changes without remount; a <Navigate> is not a view; layout clicks carry the page', async () => {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false })
  render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<TrackRoute name="home"><h1>Home</h1></TrackRoute>} />
              <Route path="todos/:id" element={<TrackRoute name="todo"><Todo /></TrackRoute>} />
              <Route path="protected" element={<TrackRoute name="protected"><Navigate to="/login" replace /></TrackRoute>} />
              <Route path="login" element={<TrackRoute name="login"><h1>Log in</h1></TrackRoute>} />
              <Route path="files/*" element={<TrackRoute name="file"><h1>File</h1></TrackRoute>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </TrackingProvider>
    </StrictMode>,
  )
  const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  await settle()
  fireEvent.click(screen.getByText('Help'))
  fireEvent.click(screen.getByText('First'))
  await settle()
  fireEvent.click(screen.getByText('Next'))
  await settle()
  fireEvent.click(screen.getByText('Protected'))
  await settle()
  fireEvent.click(screen.getByText('Readme'))
  await settle()
  const seen = sink.events.map((event) => (event.type === 'page' ? `page ${event.name} ${String(event.properties.route)} ${String(event.properties.path)}` : `${event.name} on ${event.context.page?.name}`))
  expect(seen).toEqual([
    'page home / /',
    'help_button.clicked on home',
    'page todo /todos/:id /todos/1',
    'page todo /todos/:id /todos/2',
    'page login /login /login',
    'page file /files/* /files/docs/readme.md',
  ])
})
