// trackplan/router against a real TanStack Router with memory history.
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  redirect,
  RouterProvider,
} from '@tanstack/react-router'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { createTracker, memorySink, PageType, TrackExperiment, TrackingProvider, TrackPage, TrackSection, useTracking } from 'trackplan'
import { TrackRoutes } from 'trackplan/router'
import { expect, it, vi } from 'vitest'

function RunButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'run_query_button.click' })}>Run</button>
}

function setup(options: { trackSearchChanges?: boolean; wrap?: 'InnerWrap' | 'root'; around?: (router: ReactNode) => ReactNode } = {}) {
  const rootRoute = createRootRoute({
    component: () =>
      options.wrap === 'root' ? (
        <TrackRoutes>
          <Outlet />
        </TrackRoutes>
      ) : (
        <Outlet />
      ),
  })
  const routes = [
    createRoute({ getParentRoute: () => rootRoute, path: '/', staticData: { pageName: 'welcome' }, component: () => <h1>Welcome</h1> }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/explorer',
      staticData: { pageName: 'explorer' },
      validateSearch: (search: Record<string, unknown>) => ({ q: typeof search.q === 'string' ? search.q : '' }),
      component: () => (
        <TrackSection name="toolbar">
          <RunButton />
        </TrackSection>
      ),
    }),
    createRoute({ getParentRoute: () => rootRoute, path: '/posts/$postId', component: () => <h1>Post</h1> }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/old',
      beforeLoad: () => {
        throw redirect({ to: '/explorer', search: { q: '' } })
      },
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/settings',
      staticData: { pageName: 'organization_settings', pageType: PageType.MODAL, pageCategory: 'settings' },
      component: () => <RunButton />,
    }),
    createRoute({
      getParentRoute: () => rootRoute,
      path: '/with-modal',
      staticData: { pageName: 'explorer' },
      component: () => (
        <TrackPage name="share_dialog" type={PageType.MODAL}>
          <RunButton />
        </TrackPage>
      ),
    }),
  ] as const
  const router = createRouter({
    routeTree: rootRoute.addChildren(routes),
    history: createMemoryHistory({ initialEntries: ['/'] }),
    ...(options.wrap === 'root' ? {} : { InnerWrap: ({ children }: { children: ReactNode }) => <TrackRoutes trackSearchChanges={options.trackSearchChanges ?? false}>{children}</TrackRoutes> }),
  })
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>{(options.around ?? ((router) => router))(<RouterProvider router={router} />)}</TrackingProvider>
    </StrictMode>,
  )
  const pages = () => sink.events.filter((event) => event.type === 'page').map((event) => `${event.name} ${String(event.properties.path)}`)
  const go = (to: string, extra: Record<string, unknown> = {}) => act(() => router.navigate({ to, ...extra } as never))
  return { router, sink, pages, go }
}

it('sends exactly one page event for the first page, under StrictMode', async () => {
  const { pages } = setup()
  await screen.findByText('Welcome')
  expect(pages()).toEqual(['welcome /'])
})

it('one page event per navigation, and back', async () => {
  const { router, pages, go, sink } = setup()
  await screen.findByText('Welcome')
  await go('/explorer', { search: { q: '' } })
  await go('/posts/$postId', { params: { postId: '42' } })
  await act(async () => {
    router.history.back()
    await new Promise((resolve) => setTimeout(resolve, 20))
  })
  expect(pages()).toEqual(['welcome /', 'explorer /explorer', '/posts/$postId /posts/42', 'explorer /explorer'])
  expect(sink).toHaveTrackedInOrder(['welcome', 'explorer', '/posts/$postId', 'explorer'])
})

it('a route without pageName is named by its path template, never the URL with ids; a params change is a new page', async () => {
  const { sink, go } = setup()
  await screen.findByText('Welcome')
  await go('/posts/$postId', { params: { postId: '1' } })
  await go('/posts/$postId', { params: { postId: '2' } })
  const posts = sink.events.filter((event) => event.name === '/posts/$postId')
  expect(posts.map((event) => event.properties)).toEqual([
    { route: '/posts/$postId', path: '/posts/1' },
    { route: '/posts/$postId', path: '/posts/2' },
  ])
})

it('a redirect sends one page event, for where it lands', async () => {
  const { pages, go } = setup()
  await screen.findByText('Welcome')
  await go('/old')
  expect(pages()).toEqual(['welcome /', 'explorer /explorer'])
})

it('invalidate(), preloads and re-renders send nothing', async () => {
  const { router, pages } = setup()
  await screen.findByText('Welcome')
  await act(() => router.invalidate())
  await act(() => router.preloadRoute({ to: '/posts/$postId', params: { postId: '7' } } as never))
  await act(() => router.invalidate())
  expect(pages()).toEqual(['welcome /'])
})

it('a search change alone is not a new page by default', async () => {
  const { pages, go } = setup()
  await screen.findByText('Welcome')
  await go('/explorer', { search: { q: 'a' } })
  await go('/explorer', { search: { q: 'b' } })
  expect(pages()).toEqual(['welcome /', 'explorer /explorer'])
})

it('with trackSearchChanges it is', async () => {
  const { pages, go } = setup({ trackSearchChanges: true })
  await screen.findByText('Welcome')
  await go('/explorer', { search: { q: 'a' } })
  await go('/explorer', { search: { q: 'b' } })
  expect(pages()).toEqual(['welcome /', 'explorer /explorer', 'explorer /explorer'])
})

it('around the root Outlet it still tracks, and warns once that the root layout is outside its page', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const { pages, go } = setup({ wrap: 'root' })
  await screen.findByText('Welcome')
  await go('/explorer', { search: { q: '' } })
  expect(pages()).toEqual(['welcome /', 'explorer /explorer'])
  expect(warn.mock.calls.filter(([message]) => String(message).includes('InnerWrap'))).toHaveLength(1)
})

it('the active route is the page context of track() under it, with sections; modal routes carry type and category', async () => {
  const { sink, go } = setup()
  await screen.findByText('Welcome')
  await go('/explorer', { search: { q: '' } })
  fireEvent.click(await screen.findByRole('button', { name: 'Run' }))
  expect(sink).toHaveTracked('run_query_button.click')
  expect(sink.events.at(-1)!.context).toEqual({
    page: { name: 'explorer', type: 'page' },
    section: { name: 'toolbar', path: ['toolbar'] },
  })
  await go('/settings')
  fireEvent.click(await screen.findByRole('button', { name: 'Run' }))
  expect(sink.events.at(-1)!.context).toEqual({ page: { name: 'organization_settings', type: 'modal', category: 'settings' } })
})

it('<TrackPage type={PageType.MODAL}> inside a route still sends its own page and context', async () => {
  const { sink, pages, go } = setup()
  await screen.findByText('Welcome')
  await go('/with-modal')
  fireEvent.click(await screen.findByRole('button', { name: 'Run' }))
  expect(pages()).toEqual(['welcome /', 'explorer /with-modal', 'share_dialog undefined'])
  expect(sink.events.at(-1)!.context.page).toEqual({ name: 'share_dialog', type: 'modal' })
})

it('route page events carry the experiments around the router, as <TrackPage> events do', async () => {
  const { sink, go } = setup({ around: (router) => <TrackExperiment name="onboarding" variant="b">{router}</TrackExperiment> })
  await screen.findByText('Welcome')
  await go('/with-modal')
  fireEvent.click(await screen.findByText('Run'))
  const contexts = sink.events.filter((event) => event.name !== 'experiment.viewed').map((event) => [event.type, event.name, event.context.experiments])
  expect(contexts).toEqual([
    ['page', 'welcome', { onboarding: 'b' }],
    ['page', 'explorer', { onboarding: 'b' }],
    ['page', 'share_dialog', { onboarding: 'b' }],
    ['track', 'run_query_button.click', { onboarding: 'b' }],
  ])
})
