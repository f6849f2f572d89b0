// trackplan/react-router on a real react-router data router (createMemoryRouter), under StrictMode.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { createMemoryRouter } from 'react-router'
import { afterEach, expect, it } from 'vitest'
import { createTracker, memorySink, type TrackedEvent } from '../../src/core.ts'
import { App, routes } from './exampleApp'

const unmounts: (() => void)[] = []
afterEach(() => unmounts.splice(0).forEach((unmount) => unmount()))

function start(path = '/') {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  unmounts.push(render(<App router={router} tracker={tracker} strict />).unmount)
  const pages = () => sink.events.filter((event) => event.type === 'page').map((event) => [event.name, event.properties] as const)
  const navigate = (to: string) => act(() => router.navigate(to))
  return { sink, router, pages, navigate }
}
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 80)))
const named = (events: TrackedEvent[], name: string) => events.filter((event) => event.name === name)

it('one page event per view the user sees, the first included, named by handle or by path template, with the path', async () => {
  const { pages, navigate } = start('/')
  await settle()
  await navigate('/todos')
  await navigate('/todos/1')
  await navigate('/login')
  expect(pages()).toEqual([
    ['home', { route: '/', path: '/' }],
    ['todos', { route: '/todos', path: '/todos' }],
    ['todo', { route: '/todos/:id', path: '/todos/1' }],
    ['/login', { route: '/login', path: '/login' }],
  ])
})

it('nothing while a loader is pending; a redirect and a replaced navigation are not views', async () => {
  const { pages, navigate, router } = start('/')
  await settle()
  // A navigation replaced by a newer one before its loader finished.
  act(() => {
    void router.navigate('/todos/1')
  })
  await navigate('/todos/2')
  await navigate('/protected')
  expect(pages().map(([name, properties]) => `${name} ${String(properties.path)}`)).toEqual(['home /', 'todo /todos/2', '/login /login'])
})

it('param changes are new views without remounting; search params count only where the route says', async () => {
  const { pages, navigate } = start('/todos/0')
  await settle()
  fireEvent.click(await screen.findByText('Next'))
  await settle()
  await navigate('/todos')
  await navigate('/todos?filter=open')
  await navigate('/todos?filter=open&sort=name')
  expect(pages()).toEqual([
    ['todo', { route: '/todos/:id', path: '/todos/0' }],
    ['todo', { route: '/todos/:id', path: '/todos/1' }],
    ['todos', { route: '/todos', path: '/todos' }],
    ['todos', { route: '/todos', path: '/todos', search: { filter: 'open' } }],
  ])
})

it('not-found and error views are pages, and what is tracked on them carries them; clicks in the root layout carry the page', async () => {
  const { sink, pages, navigate } = start('/')
  await settle()
  fireEvent.click(screen.getByText('Help'))
  await navigate('/nope/deeper')
  fireEvent.click(await screen.findByText('Retry'))
  await navigate('/todos/9')
  await navigate('/broken')
  expect(pages()).toEqual([
    ['home', { route: '/', path: '/' }],
    ['not_found', { route: '/', path: '/nope/deeper', status: 404 }],
    ['not_found', { route: '/todos/:id', path: '/todos/9', status: 404 }],
    ['error', { route: '/broken', path: '/broken', status: 'error' }],
  ])
  expect(named(sink.events, 'help_button.clicked')[0]!.context.page).toEqual({ name: 'home', type: 'page' })
  expect(named(sink.events, 'retry_button.clicked')[0]!.context.page).toEqual({ name: 'not_found', type: 'page' })
})
