// A component that renders a <TrackSection> around its own button: the natural way to add a section
// to existing JSX. Its own useTracking() is outside the section; the section's own track is inside.
import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode, type ReactNode } from 'react'
import { TrackingProvider, TrackSection, useTracking } from 'trackplan'
import { createTestTracker } from 'trackplan/testing'
import { expect, it, vi } from 'vitest'

function Footer(): ReactNode {
  const { track } = useTracking()
  return (
    <TrackSection name="page_footer">
      <button onClick={() => track({ name: 'footer_help_button.click' })}>Help</button>
    </TrackSection>
  )
}

function FooterFromSection(): ReactNode {
  return (
    <TrackSection name="page_footer">
      {({ track }) => <button onClick={() => track({ name: 'footer_help_button.click' })}>Help</button>}
    </TrackSection>
  )
}

function HelpButton(): ReactNode {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'footer_help_button.click' })}>Help</button>
}

function renderIn(ui: ReactNode) {
  const tracker = createTestTracker()
  render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>
        <TrackSection name="main">{ui}</TrackSection>
      </TrackingProvider>
    </StrictMode>,
  )
  return tracker
}

const sectionWarnings = (warn: { mock: { calls: unknown[][] } }) => warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('outside that section'))

it('children as a function: track from the section itself, and the event carries it', async () => {
  const warn = vi.spyOn(console, 'warn')
  const tracker = renderIn(<FooterFromSection />)
  await userEvent.click(screen.getByRole('button', { name: 'Help' }))
  expect(tracker.events.at(-1)!.context.section).toEqual({ name: 'page_footer', path: ['main', 'page_footer'] })
  expect(sectionWarnings(warn)).toEqual([])
})

it('useTracking() in a component inside the section: carried, no warning', () => {
  const warn = vi.spyOn(console, 'warn')
  const tracker = renderIn(
    <TrackSection name="page_footer">
      <HelpButton />
    </TrackSection>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Help' }))
  expect(tracker.events.at(-1)!.context.section!.path).toEqual(['main', 'page_footer'])
  expect(sectionWarnings(warn)).toEqual([])
})

it('useTracking() of the component that renders the section: the section is lost, and development says so, once', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const tracker = renderIn(<Footer />)
  await userEvent.click(screen.getByRole('button', { name: 'Help' }))
  fireEvent.click(screen.getByRole('button', { name: 'Help' }))
  expect(tracker.events.at(-1)!.context.section!.path).toEqual(['main'])
  expect(sectionWarnings(warn)).toEqual([
    '[trackplan] "footer_help_button.click" was tracked from a click event inside section "main › page_footer", by a useTracking() called ' +
      'outside that section, so the event carries section "main". Call useTracking() in a component inside the section, or take track ' +
      'from the section itself: <TrackSection name="page_footer">{({ track }) => …}</TrackSection>.',
  ])
})

it('tracking outside any DOM event warns of nothing', () => {
  const warn = vi.spyOn(console, 'warn')
  let api: ReturnType<typeof useTracking> | undefined
  function Grab(): ReactNode {
    api = useTracking()
    return null
  }
  const tracker = renderIn(<Grab />)
  api!.track({ name: 'report.exported' })
  expect(tracker.events.at(-1)!.name).toBe('report.exported')
  expect(sectionWarnings(warn)).toEqual([])
})
