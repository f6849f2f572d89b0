import { fireEvent, screen } from '@testing-library/react'
import { memorySink, createTracker, useTracking, type TrackedEvent } from 'trackplan'
import { createTestTracker, describeTracked, renderWithTracking, trackingMatchers } from 'trackplan/testing'
import { describe, expect, it } from 'vitest'

function Button() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'run_query_button.click', properties: { rows: 3, cached: false } })}>Run</button>
}

describe('renderWithTracking', () => {
  it('renders inside a page and sections, under StrictMode, with a test tracker', () => {
    const { tracker } = renderWithTracking(<Button />, { page: { name: 'explorer', type: 'page' }, sections: ['main', 'toolbar'] })
    fireEvent.click(screen.getByRole('button'))
    expect(tracker).toHaveTrackedPage('explorer')
    expect(tracker).toHaveTracked('run_query_button.click', { rows: 3 })
    expect(tracker.events.at(-1)!.context.section).toEqual({ name: 'toolbar', path: ['main', 'toolbar'] })
    expect(tracker.events.filter((event) => event.type === 'page')).toHaveLength(1)
  })

  it('uses the tracker it is given', () => {
    const tracker = createTestTracker({ context: { app: 'test' } })
    renderWithTracking(<Button />, { tracker })
    fireEvent.click(screen.getByRole('button'))
    expect(tracker.events[0]!.context).toEqual({ app: 'test' })
  })
})

describe('createTestTracker', () => {
  it('throws on names that break the convention, keeps events, clears', () => {
    const tracker = createTestTracker()
    expect(() => tracker.track({ name: 'Bad Name' })).toThrow(/naming convention/)
    tracker.track({ name: 'query.run' })
    tracker.identify('user-1')
    expect(tracker.userId).toBe('user-1')
    expect(tracker.events.map((event) => event.name)).toEqual(['query.run', 'identify'])
    tracker.clear()
    expect(tracker.events).toEqual([])
  })
})

describe('matchers', () => {
  const tracker = createTestTracker()
  tracker.page({ name: 'explorer' })
  tracker.track({ name: 'query.run', properties: { rows: 3, cached: false } })
  tracker.track({ name: 'chart.saved' }, { section: { name: 'footer', path: ['footer'] } })

  it('pass on what was tracked, with properties as a subset and asymmetric matchers', () => {
    expect(tracker).toHaveTracked('query.run')
    expect(tracker).toHaveTracked('query.run', { rows: expect.any(Number) })
    expect(tracker).not.toHaveTracked('query.run', { rows: 4 })
    expect(tracker).not.toHaveTracked('explorer')
    expect(tracker).toHaveTrackedPage('explorer')
    expect(tracker).toHaveTrackedInOrder(['explorer', 'chart.saved'])
    expect(tracker).toHaveTrackedInOrder([{ name: 'explorer', type: 'page' }, { name: 'query.run', properties: { cached: false } }])
    expect(tracker).not.toHaveTrackedInOrder(['chart.saved', 'query.run'])
  })

  it('read memory sinks and arrays of events too', () => {
    const sink = memorySink()
    createTracker({ sinks: [sink], logLevel: 'silent' }).track({ name: 'a.b' })
    expect(sink).toHaveTracked('a.b')
    expect(sink.events as TrackedEvent[]).toHaveTracked('a.b')
  })

  it('a failure lists what was tracked', () => {
    expect(() => expect(tracker).toHaveTracked('query.run', { rows: 4 })).toThrow(
      [
        'expected to have tracked track "query.run" with {"rows":4}',
        'Tracked:',
        '  1. page "explorer" (page explorer)',
        '  2. track "query.run" {"rows":3,"cached":false}',
        '  3. track "chart.saved" (section footer)',
      ].join('\n'),
    )
    expect(() => expect(tracker).toHaveTrackedInOrder(['explorer', 'chart.saved', 'query.run'])).toThrow(
      'expected to have tracked, in this order: "explorer", "chart.saved", "query.run"; found the first 2, then no an event "query.run"',
    )
    expect(() => expect(tracker).toHaveTrackedPage('welcome')).toThrow('expected to have tracked page "welcome"')
  })

  it('bad input: a clear message instead of a crash', () => {
    expect(() => expect(undefined).toHaveTracked('a.b')).toThrow('expected a test tracker, a memory sink or an array of tracked events, got undefined')
    expect(() => expect({ events: 'x' }).toHaveTrackedPage('a')).toThrow('expected a test tracker')
    expect(describeTracked([])).toBe('Nothing was tracked.')
    expect(Object.keys(trackingMatchers)).toEqual(['toHaveTracked', 'toHaveTrackedPage', 'toHaveTrackedInOrder'])
  })
})
