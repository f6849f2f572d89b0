import { fireEvent, screen } from '@testing-library/react'
import { memorySink, createTracker, useTracking, type TrackedEvent } from 'trackplan'
import { createTestTracker, describeTracked, renderWithTracking, trackingMatchers } from 'trackplan/testing'
import { describe, expect, it } from 'vitest'

function Button() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'run_query_button.click', properties: { rows: 3, cached: false } })}>Run</button>
}

/** The message a failed expectation throws, without the terminal's colours. */
function failure(check: () => void): string {
  try {
    check()
  } catch (error) {
    return (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '')
  }
  throw new Error('the expectation passed')
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

  it('a failure lists what was tracked, and a diff of the nearest event in Vitest\'s format', () => {
    const message = failure(() => expect(tracker).toHaveTracked('query.run', { rows: 4 }))
    expect(message).toContain('expected to have tracked track "query.run" with properties containing {"rows":4}')
    expect(message).toContain(['Properties of the last track "query.run":', '- Expected', '+ Received', '', '  {', '-   "rows": 4,', '+   "rows": 3,', '  }'].join('\n'))
    expect(message).toContain(
      [
        'Tracked:',
        '  1. page "explorer" (page explorer)',
        '  2. track "query.run" {"rows":3,"cached":false}',
        '  3. track "chart.saved" (section footer)',
      ].join('\n'),
    )
    expect(failure(() => expect(tracker).toHaveTrackedInOrder(['explorer', 'chart.saved', 'query.run']))).toContain(
      'expected to have tracked, in this order: "explorer", "chart.saved", "query.run"; found the first 2, then no an event "query.run"',
    )
    expect(failure(() => expect(tracker).toHaveTrackedPage('welcome'))).toContain('expected to have tracked page "welcome"')
    expect(failure(() => expect(tracker).not.toHaveTracked('query.run'))).toContain('expected not to have tracked track "query.run", but it was tracked once')
  })

  it('asymmetric matchers print by their name, not as {"inverse":false}', () => {
    const message = failure(() => expect(tracker).toHaveTracked('query.run', { rows: expect.any(String), cached: expect.stringMatching(/x/) }))
    expect(message).toContain('with properties containing {"rows":Any<String>,"cached":StringMatching /x/}')
    expect(message).not.toContain('inverse')
  })
})

describe('how matchers compare', () => {
  const tracker = createTestTracker({ validate: 'off' })
  tracker.track({ name: 'report.exported', properties: { format: 'csv', filters: { period: 'week', owner: 'me' }, columns: ['a', 'b'] } })
  tracker.track({ name: 'report.exported', properties: { format: 'pdf', filters: { period: 'day', owner: 'me' }, columns: [] } })
  tracker.track({ name: 'report.opened' })
  tracker.page({ name: 'reports', properties: { tab: 'all' } })

  it('toHaveTracked: the properties given, at any depth, as toMatchObject does', () => {
    expect(tracker).toHaveTracked('report.exported', { filters: { period: 'week' } })
    expect(tracker).toHaveTracked('report.exported', { filters: expect.objectContaining({ owner: 'me' }), columns: expect.arrayContaining(['b']) })
    expect(tracker).toHaveTracked('report.exported', expect.objectContaining({ format: 'pdf' }))
    expect(tracker).not.toHaveTracked('report.exported', { filters: { period: 'year' } })
    // Arrays compare element by element, of the same length.
    expect(tracker).not.toHaveTracked('report.exported', { columns: ['a'] })
    expect(tracker).toHaveTracked('report.exported', { columns: ['a', expect.any(String)] })
  })

  it('toHaveTrackedWith: the whole properties, as toEqual does', () => {
    expect(tracker).toHaveTrackedWith('report.exported', { format: 'csv', filters: { period: 'week', owner: 'me' }, columns: ['a', 'b'] })
    expect(tracker).not.toHaveTrackedWith('report.exported', { format: 'csv' })
    expect(tracker).toHaveTrackedWith('report.exported', { format: 'pdf', filters: expect.any(Object), columns: [] })
    expect(tracker).toHaveTrackedWith('report.opened', {})
    const message = failure(() => expect(tracker).toHaveTrackedWith('report.exported', { format: 'pdf' }))
    expect(message).toContain('with properties equal to {"format":"pdf"}')
    expect(message).toContain('+   "columns": []')
  })

  it('counts: exactly once, n times, never', () => {
    expect(tracker).toHaveTrackedOnce('report.opened')
    expect(tracker).toHaveTrackedTimes('report.exported', 2)
    expect(tracker).toHaveTrackedOnce('report.exported', { format: 'csv' })
    expect(tracker).toHaveTrackedTimes('report.deleted', 0)
    expect(tracker).not.toHaveTracked('report.deleted')
    expect(tracker).toHaveTrackedPageTimes('reports', 1)
    expect(tracker).toHaveTrackedPage('reports', { tab: 'all' })
    expect(failure(() => expect(tracker).toHaveTrackedOnce('report.exported'))).toContain('expected to have tracked track "report.exported" exactly once, and it was tracked 2 times')
    expect(failure(() => expect(tracker).toHaveTrackedTimes('report.opened', 3))).toContain('exactly 3 times, and it was tracked once')
    expect(failure(() => expect(tracker).toHaveTrackedTimes('report.opened', -1))).toContain('a whole number of 0 or more, got -1')
  })
})

describe('matchers, bad input', () => {
  it('bad input: a clear message instead of a crash', () => {
    expect(() => expect(undefined).toHaveTracked('a.b')).toThrow('expected a test tracker, a memory sink or an array of tracked events, got undefined')
    expect(() => expect({ events: 'x' }).toHaveTrackedPage('a')).toThrow('expected a test tracker')
    expect(describeTracked([])).toBe('Nothing was tracked.')
    expect(() => expect([]).toHaveTrackedInOrder('a.b' as never)).toThrow('expected a list of expected events, got "a.b"')
    expect(Object.keys(trackingMatchers)).toEqual([
      'toHaveTracked',
      'toHaveTrackedOnce',
      'toHaveTrackedTimes',
      'toHaveTrackedWith',
      'toHaveTrackedPage',
      'toHaveTrackedPageTimes',
      'toHaveTrackedInOrder',
    ])
  })
})
