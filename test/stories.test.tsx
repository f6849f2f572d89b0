// Every story renders with the addon's in-memory tracker, fires what it should, and passes its play function.
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { getTrackedEvents } from 'trackplan/storybook'
import { expect, it } from 'vitest'
import preview from '../.storybook/preview'
import * as addon from '../src/storybook/preview'
import * as demo from '../stories/Demo.stories'
import * as devtools from '../stories/TrackingDevtools.stories'
import * as routes from '../stories/TrackRoutes.stories'
import * as impressions from '../stories/Impressions.stories'
import * as button from '../stories/TrackedButton.stories'
import * as page from '../stories/TrackPage.stories'
import * as section from '../stories/TrackSection.stories'

// Before composeStories below, which reads the project's decorators when it runs.
setProjectAnnotations([addon, preview])

const describe = (story: { id: string }) =>
  getTrackedEvents(story).map((event) =>
    [event.type, event.name, event.context.page && `${event.context.page.type} ${event.context.page.name}`, event.context.section?.path.join(' › ')]
      .filter(Boolean)
      .join(' · '),
  )

it.each([
  ['TrackedButton.RunQuery', composeStories(button).RunQuery, ['track · run_query_button.click']],
  ['TrackPage.Page', composeStories(page).Page, ['page · welcome · page welcome', 'track · run_query_button.click · page welcome']],
  ['TrackPage.Modal', composeStories(page).Modal, ['page · organization_settings · modal organization_settings', 'track · run_query_button.click · modal organization_settings']],
  ['TrackSection.Footer', composeStories(section).Footer, ['page · explorer · page explorer', 'track · run_query_button.click · page explorer · page_footer']],
  ['TrackSection.Nested', composeStories(section).Nested, ['page · explorer · page explorer', 'track · run_query_button.click · page explorer · sidebar › page_footer']],
])('%s renders, and a click is tracked with its context', (_, Story, expected) => {
  render(<Story />)
  fireEvent.click(screen.getByRole('button', { name: 'Run query' }))
  expect(describe(Story)).toEqual(expected)
})

it.each([
  ['TrackedButton.InFooter', composeStories(button).InFooter],
  ['Demo.OrganizationSettings', composeStories(demo).OrganizationSettings],
])('%s passes its play function (parameters.tracking.expect)', async (_, Story) => {
  await Story.run()
})

it('a play function fails, listing what was tracked, when an expected event is missing', async () => {
  const { InFooter } = composeStories(button)
  const Broken = { ...InFooter }
  const { expectTracking } = await import('trackplan/storybook')
  render(<InFooter />)
  await expect(expectTracking({ id: InFooter.id }, ['explorer', 'chart.saved'], { timeoutMs: 50 })).rejects.toThrow(
    /found the first 1, then no an event "chart.saved"\n\nTracked:\n {2}1\. page "explorer"/,
  )
  await expect(expectTracking({ id: Broken.id })).rejects.toThrow('no expected events')
})

it('parameters.tracking.context reaches every event of the story', () => {
  const { ExplorerPage } = composeStories(demo)
  render(<ExplorerPage />)
  fireEvent.click(screen.getByRole('button', { name: 'Run query' }))
  expect(getTrackedEvents(ExplorerPage).map((event) => [event.name, event.context.app, event.context.section?.name])).toEqual([
    ['explorer', 'storybook', undefined],
    ['run_query_button.click', 'storybook', 'sidebar'],
    ['query.run', 'storybook', 'sidebar'],
  ])
})

it('Impressions.OnMount tracks one mount event per tile, after the page event', async () => {
  const { OnMount } = composeStories(impressions)
  render(<OnMount />)
  await act(async () => {})
  expect(describe(OnMount)).toEqual(['page · explorer · page explorer', 'track · chart_tile.loaded · page explorer', 'track · chart_tile.loaded · page explorer'])
})

it('TrackingDevtools.Open shows the story\'s events in the floating panel', async () => {
  const { Open } = composeStories(devtools)
  render(<Open />)
  fireEvent.click(screen.getByRole('button', { name: 'Run query' }))
  expect(screen.getByRole('region', { name: 'Tracking events' }).textContent).toContain('run_query_button.click')
})

it('TrackRoutes.Navigation sends one page event per navigation', async () => {
  const { Navigation } = composeStories(routes)
  render(<Navigation />)
  await screen.findByText('Welcome', { selector: 'p' })
  fireEvent.click(screen.getByRole('link', { name: 'Explorer' }))
  fireEvent.click(await screen.findByRole('button', { name: 'Run query' }))
  fireEvent.click(screen.getByRole('link', { name: 'A post' }))
  await screen.findByText('A post without a pageName')
  expect(describe(Navigation)).toEqual([
    'page · welcome · page welcome',
    'page · explorer · page explorer',
    'track · run_query_button.click · page explorer',
    'page · /posts/$postId · page /posts/$postId',
  ])
})
