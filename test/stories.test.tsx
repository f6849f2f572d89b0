// Every story renders with its in-memory tracker, and the events it fires show in its event list.
import { composeStories, setProjectAnnotations } from '@storybook/react-vite'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import preview from '../.storybook/preview'
import * as button from '../stories/TrackedButton.stories'
import * as page from '../stories/TrackPage.stories'
import * as impressions from '../stories/Impressions.stories'
import * as section from '../stories/TrackSection.stories'

// Before composeStories below, which reads the project's decorators when it runs.
setProjectAnnotations(preview)

const rows = () => within(screen.getByRole('region', { name: 'Tracked events' })).queryAllByRole('listitem').map((row) => row.textContent)

it.each([
  ['TrackedButton.RunQuery', composeStories(button).RunQuery, ['track run_query_button.click']],
  ['TrackPage.Page', composeStories(page).Page, ['track run_query_button.click · page welcome']],
  ['TrackPage.Modal', composeStories(page).Modal, ['track run_query_button.click · modal organization_settings']],
  ['TrackSection.Footer', composeStories(section).Footer, ['track run_query_button.click · page explorer · page_footer']],
  ['TrackSection.Nested', composeStories(section).Nested, ['track run_query_button.click · page explorer · sidebar › page_footer']],
])('%s renders and lists the click it fires', (_, Story, expected) => {
  render(<Story />)
  fireEvent.click(screen.getByRole('button', { name: 'Run query' }))
  expect(rows()[0]).toBe(expected[0])
})

it('TrackPage stories list their page event', () => {
  const { Modal } = composeStories(page)
  render(<Modal />)
  expect(rows()).toEqual(['page organization_settings · modal organization_settings'])
})

it('Impressions.OnMount lists one mount event per tile, after the page event', async () => {
  const { OnMount } = composeStories(impressions)
  render(<OnMount />)
  await act(async () => {})
  expect(rows()).toEqual([
    'track chart_tile.loaded · page explorer · {"chartType":"line"}',
    'track chart_tile.loaded · page explorer · {"chartType":"bar"}',
    'page explorer · page explorer',
  ])
})
