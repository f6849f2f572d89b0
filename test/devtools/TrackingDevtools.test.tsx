import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { StrictMode } from 'react'
import { createTracker, memorySink, TrackingProvider, TrackPage, TrackSection, type Sink, type TrackingNotice } from 'trackplan'
import { TrackingDevtools } from 'trackplan/devtools'
import { expect, it, vi } from 'vitest'
import { PanelBoundary } from '../../src/devtools/PanelBoundary'

function setup(sinks: Sink[] = [memorySink()]) {
  const tracker = createTracker({ sinks, logLevel: 'silent' })
  render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>
        <TrackPage name="explorer">
          <TrackSection name="sidebar">
            <p>app</p>
          </TrackSection>
        </TrackPage>
        <TrackingDevtools />
      </TrackingProvider>
    </StrictMode>,
  )
  const open = () => fireEvent.click(screen.getByRole('button', { name: 'Tracking devtools' }))
  const panel = () => screen.getByRole('region', { name: 'Tracking events' })
  const rows = () => within(panel()).queryAllByRole('listitem')
  return { tracker, open, panel, rows }
}

it('is collapsed by default, counts events, and lists them newest first when opened, with page and section', () => {
  const { tracker, open, rows } = setup()
  expect(screen.queryByRole('region', { name: 'Tracking events' })).toBeNull()
  act(() => tracker.track({ name: 'query.run', properties: { rows: 3 } }, { page: { name: 'explorer', type: 'page' }, section: { name: 'sidebar', path: ['main', 'sidebar'] } }))
  expect(screen.getByRole('button', { name: 'Tracking devtools' }).textContent).toBe('Tracking · 2')
  open()
  const [newest, first] = rows()
  expect(newest!.textContent).toContain('query.run')
  expect(newest!.textContent).toContain('page explorer · main › sidebar')
  expect(newest!.textContent).toContain('{"rows":3}')
  expect(newest!.textContent).toContain('memory: sent')
  expect(first!.textContent).toContain('explorer')
})

it('shows validation warnings and what each sink did: retried, dropped, failed', async () => {
  const failing: Sink = { name: 'vendor', send: () => Promise.reject(new Error('blocked by client')) }
  const reporting: Sink = {
    name: 'http',
    reportsDelivery: true,
    send() {},
    start({ report }) {
      this.send = (events) => {
        for (const event of events) {
          report({ type: 'queued', event, sink: 'http' })
          report({ type: event.name === 'bad.one' ? 'dropped' : 'retried', event, sink: 'http', attempt: 1, reason: 'HTTP 503', delayMs: 1000 } as never)
        }
      }
    },
  }
  const { tracker, open, rows } = setup([failing, reporting])
  await act(async () => {
    tracker.track({ name: 'BadName' })
    tracker.track({ name: 'bad.one' })
    await tracker.flush()
  })
  open()
  const [dropped, invalid] = rows()
  expect(dropped!.textContent).toContain('http: dropped (HTTP 503)')
  expect(invalid!.textContent).toContain('⚠ event name "BadName" does not follow the naming convention')
  expect(invalid!.textContent).toContain('http: retried (HTTP 503, attempt 1)')
  expect(invalid!.textContent).toContain('vendor: failed (Error: blocked by client)')
})

it('filters by name and clears', () => {
  const { tracker, open, rows, panel } = setup()
  act(() => {
    tracker.track({ name: 'query.run' })
    tracker.track({ name: 'chart.saved' })
  })
  open()
  fireEvent.change(within(panel()).getByRole('textbox', { name: 'Filter by name' }), { target: { value: 'CHART' } })
  expect(rows().map((row) => row.getAttribute('data-event-name'))).toEqual(['chart.saved'])
  fireEvent.click(within(panel()).getByRole('button', { name: 'Clear' }))
  expect(rows()).toHaveLength(0)
  expect(within(panel()).getByText('No events yet.')).toBeTruthy()
})

it('renders nothing outside a provider', () => {
  const { container } = render(<TrackingDevtools initialIsOpen />)
  expect(container.innerHTML).toBe('')
})

it('renders any event shape: a section without path, an object as page name, odd envelopes from storage; the app stays mounted', () => {
  let report: ((notice: TrackingNotice) => void) | undefined
  const replaying: Sink = { name: 'stored', send: () => {}, reportsDelivery: true, start: (context) => void (report = context.report) }
  const { tracker, open, rows } = setup([replaying])
  const odd = [
    { section: { name: 'footer' } },
    { page: { name: { not: 'a string' }, type: 42 } },
    { section: { path: 'not an array' }, page: null },
    { section: { name: 'x', path: [1, { deep: true }, null] } },
  ]
  for (const context of odd) act(() => tracker.track({ name: 'odd.shape' }, context as never))
  // An event a queue kept in storage, of another shape, reported as delivered after a reload.
  const stored = { id: 'stored-1', type: 'track', name: { weird: 1 }, properties: 'text', context: undefined, timestamp: 7 }
  act(() => report!({ type: 'sent', event: stored as never, sink: 'stored' }))
  open()
  expect(screen.getByText('app')).toBeTruthy()
  expect(rows().slice(0, 5).map((row) => row.textContent)).toEqual([
    expect.stringMatching(/^\{"weird":1\} tracktextstored: sent/),
    expect.stringMatching(/^odd\.shape track · 1 › \{"deep":true\} › null/),
    expect.stringMatching(/^odd\.shape track · not an array/),
    expect.stringMatching(/^odd\.shape track · 42 \{"not":"a string"\}/),
    expect.stringMatching(/^odd\.shape track · footer/),
  ])
})

it("a panel's own rendering error stays inside the panel: the app around it stays mounted", () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  function Broken(): never {
    throw new Error('a row that cannot render')
  }
  render(
    <main>
      <p>the app</p>
      <PanelBoundary>
        <Broken />
      </PanelBoundary>
    </main>,
  )
  expect(screen.getByText('the app')).toBeTruthy()
  expect(screen.getByRole('alert').textContent).toBe('The tracking panel could not show its events: a row that cannot render')
  error.mockRestore()
})
