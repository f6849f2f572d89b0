// A layout around the pages (Next.js's root layout, react-router's declarative <Routes> inside a
// layout): what it tracks carries the page shown below it.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { expect, it } from 'vitest'
import { createTracker, memorySink, PageType } from '../../src/core.ts'
import { TrackingProvider, TrackPage, TrackSection, useTracking } from '../../src/react.ts'

function Layout({ children }: { children: React.ReactNode }) {
  const { track } = useTracking()
  return (
    <>
      <TrackSection name="nav">
        <NavButton />
      </TrackSection>
      <button onClick={() => track({ name: 'help_button.clicked' })}>Help</button>
      {children}
    </>
  )
}
function NavButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'nav_link.clicked' })}>Nav</button>
}

it('a click in the layout carries the page shown, then the next one, and none once no page is shown', () => {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false })
  let show: (page: string | undefined) => void = () => {}
  function App() {
    const [page, setPage] = useState<string | undefined>('home')
    show = setPage
    return (
      <TrackingProvider tracker={tracker}>
        <Layout>
          {page && (
            <TrackPage name={page} key={page}>
              <TrackPage name="settings" type={PageType.MODAL}>
                <p>modal</p>
              </TrackPage>
            </TrackPage>
          )}
        </Layout>
      </TrackingProvider>
    )
  }
  render(<App />)
  const click = (label: string) => fireEvent.click(screen.getByText(label))
  click('Help')
  click('Nav')
  act(() => show('explorer'))
  click('Help')
  act(() => show(undefined))
  click('Help')
  const clicks = sink.events.filter((event) => event.type === 'track').map((event) => [event.name, event.context.page?.name, event.context.section?.name])
  expect(clicks).toEqual([
    ['help_button.clicked', 'home', undefined],
    ['nav_link.clicked', 'home', 'nav'],
    ['help_button.clicked', 'explorer', undefined],
    ['help_button.clicked', undefined, undefined],
  ])
})
