// The testing kit in Vitest's browser mode, in real Chromium: trackplan/testing/setup (the setup
// file of this project) loads without Node, and the matchers work with Vitest's own equality.
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { TrackingProvider, TrackSection, useTracking } from 'trackplan'
import { createTestTracker } from 'trackplan/testing'
import { expect, it } from 'vitest'

function ExportButton(): ReactNode {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'report.exported', properties: { format: 'csv', filters: { period: 'week' }, rows: 120 } })}>Export</button>
}

it('runs in a browser, with no Node process', () => {
  expect(typeof (globalThis as { process?: unknown }).process).toBe('undefined')
  expect(navigator.userAgent).toMatch(/Chrome/)
})

it('a real click, and every matcher with asymmetric matchers, counts and whole properties', async () => {
  const tracker = createTestTracker()
  const screen = render(
    <TrackingProvider tracker={tracker}>
      <TrackSection name="toolbar">
        <ExportButton />
      </TrackSection>
    </TrackingProvider>,
  )
  await userEvent.click(screen.getByRole('button', { name: 'Export' }))
  expect(tracker).toHaveTracked('report.exported', { filters: { period: 'week' }, rows: expect.any(Number) })
  expect(tracker).toHaveTrackedOnce('report.exported')
  expect(tracker).toHaveTrackedWith('report.exported', expect.objectContaining({ format: 'csv' }))
  expect(tracker).toHaveTrackedTimes('report.deleted', 0)
  expect(tracker).toHaveTrackedInOrder([{ name: 'report.exported', properties: { rows: expect.any(Number) } }])
  expect(tracker.events[0]!.context.section).toEqual({ name: 'toolbar', path: ['toolbar'] })
  expect(() => expect(tracker).toHaveTrackedTimes('report.exported', 2)).toThrow('exactly 2 times, and it was tracked once')
})
