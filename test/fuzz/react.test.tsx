// Property-based fuzzing of the React bindings and the devtools panel (which the Storybook panel
// shares its rows with): any props, any input to track from a click, any event shape a sink reports.
// The app around them stays mounted, nothing is thrown into it, and every call is accounted for.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import fc from 'fast-check'
import { createTracker, memorySink, TrackExperiment, TrackingProvider, TrackPage, TrackSection, useTracking, type Sink, type TrackingNotice } from 'trackplan'
import { TrackingDevtools } from 'trackplan/devtools'
import { afterEach, expect, it } from 'vitest'
import { quietConsole, runs } from './fuzzing'

quietConsole()
afterEach(cleanup)

const anything = fc.anything({ maxDepth: 2, withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true })

function Button({ input }: { input: unknown }) {
  const { track } = useTracking()
  return (
    <button type="button" onClick={() => track(input as never)}>
      go
    </button>
  )
}

it('any props on TrackPage, TrackSection and TrackExperiment, any track input from a click: the app stays, every click accounted for', () => {
  fc.assert(
    fc.property(anything, anything, anything, anything, anything, (pageName, pageProps, sectionName, variant, input) => {
      cleanup()
      const good = memorySink()
      const tracker = createTracker({ sinks: [good] })
      const notices: TrackingNotice[] = []
      tracker.subscribe((notice) => notices.push(notice))
      render(
        <TrackingProvider tracker={tracker}>
          <TrackPage name={pageName as never} properties={pageProps as never}>
            <TrackSection name={sectionName as never}>
              <TrackExperiment name="exp" variant={variant as never}>
                <p>app</p>
                <Button input={input} />
              </TrackExperiment>
            </TrackSection>
          </TrackPage>
        </TrackingProvider>,
      )
      const before = notices.filter((notice) => notice.type === 'tracked' || (notice.type === 'invalid' && !notice.event)).length
      fireEvent.click(screen.getByRole('button'))
      const after = notices.filter((notice) => notice.type === 'tracked' || (notice.type === 'invalid' && !notice.event)).length
      expect(screen.getByText('app')).toBeTruthy()
      expect(after - before).toBe(1)
      cleanup()
    }),
    runs(150),
  )
}, 60_000)

it('the devtools panel renders any event shape a sink reports; a failure stays inside the panel', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(anything, fc.constantFrom<TrackingNotice['type']>('sent', 'dropped', 'failed', 'queued', 'retried', 'skipped'), anything), { maxLength: 5 }), (reports) => {
      cleanup()
      let report: ((notice: TrackingNotice) => void) | undefined
      const replaying: Sink = { name: 'stored', send: () => {}, reportsDelivery: true, start: (context) => void (report = context.report) }
      const tracker = createTracker({ sinks: [replaying] })
      render(
        <TrackingProvider tracker={tracker}>
          <p>app</p>
          <TrackingDevtools />
        </TrackingProvider>,
      )
      fireEvent.click(screen.getByRole('button', { name: 'Tracking devtools' }))
      for (const [event, type, detail] of reports) {
        act(() => report!({ type, event, sink: 'stored', reason: detail, error: detail, attempt: detail, delayMs: detail } as never))
      }
      expect(screen.getByText('app')).toBeTruthy()
      cleanup()
    }),
    runs(150),
  )
}, 60_000)
