import { fireEvent, render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { createTracker, memorySink, TrackExperiment, TrackingProvider, TrackPage, TrackSection, useTracking } from 'trackplan'
import { expect, it } from 'vitest'

const Button = () => {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'cta.click' })}>go</button>
}

function setup(ui: ReactNode) {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false })
  const wrap = (inner: ReactNode) => <StrictMode><TrackingProvider tracker={tracker}>{inner}</TrackingProvider></StrictMode>
  const result = render(wrap(ui))
  return { sink, tracker, rerender: (next: ReactNode) => result.rerender(wrap(next)) }
}

it('puts the experiment in the context of events inside, through pages and sections, and nests', () => {
  const { sink } = setup(
    <TrackExperiment name="new_onboarding" variant="b">
      <TrackPage name="welcome">
        <TrackExperiment name="cta_color" variant="green">
          <TrackSection name="hero">
            <Button />
          </TrackSection>
        </TrackExperiment>
      </TrackPage>
    </TrackExperiment>,
  )
  fireEvent.click(screen.getByRole('button'))
  const click = sink.events.find((event) => event.name === 'cta.click')!
  expect(click.context).toEqual({
    page: { name: 'welcome', type: 'page' },
    section: { name: 'hero', path: ['hero'] },
    experiments: { new_onboarding: 'b', cta_color: 'green' },
  })
  const page = sink.events.find((event) => event.type === 'page')!
  expect(page.context.experiments).toEqual({ new_onboarding: 'b' })
})

it('sends one experiment.viewed per experiment and variant per session: not again on re-render, remount or a second tracker', () => {
  const first = setup(<TrackExperiment name="pricing" variant="annual"><Button /></TrackExperiment>)
  first.rerender(<TrackExperiment name="pricing" variant="annual"><Button /></TrackExperiment>)
  first.rerender(<p />)
  first.rerender(<TrackExperiment name="pricing" variant="annual"><Button /></TrackExperiment>)
  const exposures = () => first.sink.events.filter((event) => event.name === 'experiment.viewed')
  expect(exposures().map((event) => event.properties)).toEqual([{ experiment: 'pricing', variant: 'annual' }])
  expect(exposures()[0]!.context.experiments).toEqual({ pricing: 'annual' })
  first.rerender(<TrackExperiment name="pricing" variant="monthly"><Button /></TrackExperiment>)
  expect(exposures().map((event) => event.properties.variant)).toEqual(['annual', 'monthly'])
  const second = setup(<TrackExperiment name="pricing" variant="annual"><Button /></TrackExperiment>)
  expect(second.sink.events.filter((event) => event.name === 'experiment.viewed')).toHaveLength(0)
})
