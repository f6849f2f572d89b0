// trackplan/router on an app in the shape of TanStack Router's kitchen-sink example: nested
// layouts, path and search params, pending loaders, redirects, not-found views (global, nested,
// route-level) and interrupted navigations. One page event per view the user sees, and nothing else.
import { RouterProvider } from '@tanstack/react-router'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { createTracker, memorySink, TrackingProvider } from 'trackplan'
import { expect, it } from 'vitest'
import { createExampleApp, loaderDelayMs } from './exampleApp'

function start(options: Parameters<typeof createExampleApp>[0] = {}) {
  const app = createExampleApp(options)
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>
        <RouterProvider router={app.router} />
      </TrackingProvider>
    </StrictMode>,
  )
  const pages = () => sink.events.filter((event) => event.type === 'page').map((event) => `${event.name} ${String(event.properties.path)}`)
  const go = (to: string, extra: Record<string, unknown> = {}) => act(() => app.router.navigate({ to, ...extra } as never))
  const idle = () => act(() => new Promise((resolve) => setTimeout(resolve, loaderDelayMs * 2)))
  return { ...app, sink, pages, go, idle }
}

it('nested layouts and path params: one page event per view, with the category of the layout', async () => {
  const { sink, pages, go } = start()
  await screen.findByText('Home')
  await go('/dashboard')
  await go('/dashboard/invoices')
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '1' } })
  expect(pages()).toEqual(['home /', 'dashboard /dashboard', 'invoices /dashboard/invoices', 'invoice /dashboard/invoices/1'])
  expect(sink.events.at(-1)).toMatchObject({
    name: 'invoice',
    properties: { route: '/dashboard/invoices/$invoiceId', path: '/dashboard/invoices/1' },
    context: { page: { name: 'invoice', type: 'page', category: 'dashboard' } },
  })
  expect(sink.events.find((event) => event.name === 'dashboard')!.properties).toEqual({ route: '/dashboard/', path: '/dashboard' })
})

it('a pending loader: nothing is sent while its pending view shows, then one event for the view', async () => {
  const { pages, router } = start()
  await screen.findByText('Home')
  let done!: Promise<void>
  act(() => {
    done = router.navigate({ to: '/dashboard/invoices/$invoiceId', params: { invoiceId: '2' } } as never)
  })
  await screen.findByText(/Loading invoice/)
  expect(pages()).toEqual(['home /'])
  await act(() => done)
  await screen.findByText('Invoice')
  expect(pages()).toEqual(['home /', 'invoice /dashboard/invoices/2'])
})

it('a redirect sends one page event, for where it lands', async () => {
  const { pages, go, auth } = start()
  await screen.findByText('Home')
  await go('/profile')
  await screen.findByText('Login')
  auth.user = 'ada'
  await go('/profile')
  await screen.findByText('Profile')
  expect(pages()).toEqual(['home /', 'login /login', 'profile /profile'])
})

it('a global not-found view is a not_found page with the path asked for, and the next view is named right', async () => {
  const { sink, pages, go, idle } = start()
  await screen.findByText('Home')
  await go('/nope/deeper')
  await screen.findByText(/Nothing here/)
  await idle()
  expect(sink.events.at(-1)).toMatchObject({ type: 'page', name: 'not_found', properties: { path: '/nope/deeper', route: '/', notFound: 'unmatched' } })
  // What is tracked on the not-found view carries that page.
  fireEvent.click(screen.getByRole('button', { name: 'Home' }))
  expect(sink.events.at(-1)).toMatchObject({ name: 'not_found_home_button.click', context: { page: { name: 'not_found', type: 'page' } } })
  await go('/')
  await idle()
  expect(pages()).toEqual(['home /', 'not_found /nope/deeper', 'home /'])
})

it('a nested not-found view names the layout that showed it, and leaving it sends the right page, once', async () => {
  const { sink, pages, go, idle } = start()
  await screen.findByText('Home')
  await go('/dashboard/nope')
  await screen.findByText('No such dashboard page.')
  await idle()
  expect(sink.events.at(-1)!.properties).toEqual({ route: '/dashboard', path: '/dashboard/nope', notFound: 'unmatched' })
  await go('/dashboard')
  await screen.findByText('Dashboard')
  await idle()
  expect(pages()).toEqual(['home /', 'not_found /dashboard/nope', 'dashboard /dashboard'])
  expect(sink.events.at(-1)!.context).toEqual({ page: { name: 'dashboard', type: 'page', category: 'dashboard' } })
})

it("a route's notFound() is a not_found page too, told apart from both the real view and an unmatched path", async () => {
  const { sink, pages, go, idle } = start()
  await screen.findByText('Home')
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '99' } })
  await idle()
  expect(sink.events.at(-1)).toMatchObject({ name: 'not_found', properties: { route: '/dashboard/invoices/$invoiceId', path: '/dashboard/invoices/99', notFound: 'route' } })
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '1' } })
  await idle()
  expect(pages()).toEqual(['home /', 'not_found /dashboard/invoices/99', 'invoice /dashboard/invoices/1'])
})

it('an interrupted navigation sends nothing; the one that lands sends one event', async () => {
  const { pages, router, idle } = start()
  await screen.findByText('Home')
  await act(async () => {
    void router.navigate({ to: '/dashboard/invoices/$invoiceId', params: { invoiceId: '1' } } as never)
    await new Promise((resolve) => setTimeout(resolve, loaderDelayMs / 4))
    await router.navigate({ to: '/dashboard/users' } as never)
  })
  await screen.findByText('Users')
  await idle()
  expect(pages()).toEqual(['home /', 'users /dashboard/users'])
})

it('search params: chosen ones on the page event, and per route which changes are a new view', async () => {
  const { sink, pages, go, idle } = start()
  await screen.findByText('Home')
  await go('/dashboard/users', { search: { sortBy: 'email', filterBy: '' } })
  expect(sink.events.at(-1)!.properties).toEqual({ route: '/dashboard/users', path: '/dashboard/users', search: { sortBy: 'email' } })
  // The users route does not track search changes (the default).
  await go('/dashboard/users', { search: { sortBy: 'name', filterBy: 'ada' } })
  // The invoice route tracks a change of showNotes, and of nothing else.
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '1' }, search: { showNotes: false, notes: '' } })
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '1' }, search: { showNotes: false, notes: 'typing' } })
  await go('/dashboard/invoices/$invoiceId', { params: { invoiceId: '1' }, search: { showNotes: true, notes: 'typing' } })
  await idle()
  expect(pages()).toEqual(['home /', 'users /dashboard/users', 'invoice /dashboard/invoices/1', 'invoice /dashboard/invoices/1'])
})

it('with InnerWrap, what the root layout tracks carries the page too', async () => {
  const { sink, go } = start()
  await screen.findByText('Home')
  await go('/dashboard/users')
  fireEvent.click(screen.getByRole('button', { name: 'Help' }))
  expect(sink.events.at(-1)).toMatchObject({ name: 'nav_help_button.click', context: { page: { name: 'users', type: 'page', category: 'dashboard' } } })
})

it('the name of not-found pages can be set, and a deep link to one sends it once', async () => {
  const { pages, idle } = start({ initial: '/missing', trackRoutes: { notFoundPageName: 'page_not_found' } })
  await screen.findByText(/Nothing here/)
  await idle()
  expect(pages()).toEqual(['page_not_found /missing'])
})
