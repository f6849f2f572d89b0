// The examples of seed 004, as written there, with trackplan's imports.
import { render, screen, fireEvent } from '@testing-library/react'
import { useCallback, type FC } from 'react'
import { createTracker, memorySink, PageType, TrackingProvider, TrackPage, TrackSection, useTracking } from 'trackplan'
import { expect, it } from 'vitest'
import { CategoryName, EventName, PageName, SectionName } from '../../demo/plan'

const UUID = /^[0-9a-f-]{36}$/

const RunQueryButton: FC = () => {
  const { track } = useTracking()
  const onClick = useCallback(() => {
    // other click logic
    track({
      name: EventName.RUN_QUERY_BUTTON_CLICKED,
    })
  }, [track])
  return <button onClick={onClick}>Run query</button>
}

const OrganizationPanel: FC = () => <RunQueryButton />

function setup() {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], context: { app: 'webapp' }, anonymousId: 'anon' })
  return { sink, tracker }
}

it('a route wrapped in <TrackPage name={PageName.WELCOME}> sends one page event', () => {
  const { sink, tracker } = setup()
  const Welcome: FC = () => <h1>Welcome</h1>
  render(
    <TrackingProvider tracker={tracker}>
      <TrackPage name={PageName.WELCOME}>
        <Welcome />
      </TrackPage>
    </TrackingProvider>,
  )
  expect(sink.events).toEqual([
    {
      id: expect.stringMatching(UUID),
      type: 'page',
      name: 'welcome',
      properties: {},
      context: { app: 'webapp', page: { name: 'welcome', type: 'page' } },
      timestamp: expect.any(String),
      anonymousId: 'anon',
    },
  ])
})

it('a modal with type and category, and a click inside it', () => {
  const { sink, tracker } = setup()
  render(
    <TrackingProvider tracker={tracker}>
      <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
        <OrganizationPanel />
      </TrackPage>
    </TrackingProvider>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Run query' }))
  expect(sink).toHaveTrackedInOrder([{ name: PageName.ORGANIZATION_SETTINGS, type: 'page' }, EventName.RUN_QUERY_BUTTON_CLICKED])
  const page = { name: 'organization_settings', type: 'modal', category: 'settings' }
  expect(sink.events.map(({ type, name, context }) => ({ type, name, context }))).toEqual([
    { type: 'page', name: 'organization_settings', context: { app: 'webapp', page } },
    { type: 'track', name: 'run_query_button.click', context: { app: 'webapp', page } },
  ])
})

it('<TrackSection name={SectionName.PAGE_FOOTER}> tells the same button apart by section', () => {
  const { sink, tracker } = setup()
  render(
    <TrackingProvider tracker={tracker}>
      <TrackPage name={PageName.EXPLORER}>
        <TrackSection name={SectionName.PAGE_HEADER}>
          <RunQueryButton />
        </TrackSection>
        <TrackSection name={SectionName.PAGE_FOOTER}>
          <RunQueryButton />
        </TrackSection>
      </TrackPage>
    </TrackingProvider>,
  )
  const [header, footer] = screen.getAllByRole('button', { name: 'Run query' })
  fireEvent.click(footer!)
  fireEvent.click(header!)
  const clicks = sink.events.filter((event) => event.type === 'track')
  expect(clicks.map((event) => event.context)).toEqual([
    { app: 'webapp', page: { name: 'explorer', type: 'page' }, section: { name: 'page_footer', path: ['page_footer'] } },
    { app: 'webapp', page: { name: 'explorer', type: 'page' }, section: { name: 'page_header', path: ['page_header'] } },
  ])
})
