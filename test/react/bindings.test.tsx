import { act, fireEvent, render, screen } from '@testing-library/react'
import { StrictMode, useState, type FC, type ReactNode } from 'react'
import {
  createTracker,
  memorySink,
  PageType,
  TrackingProvider,
  TrackPage,
  TrackSection,
  useTracker,
  useTracking,
  type TrackingApi,
} from 'trackplan'
import { describe, expect, it, vi } from 'vitest'

function setup() {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  const wrap = (ui: ReactNode) => (
    <StrictMode>
      <TrackingProvider tracker={tracker}>{ui}</TrackingProvider>
    </StrictMode>
  )
  return { sink, tracker, wrap, pages: () => sink.events.filter((event) => event.type === 'page').map((event) => event.name) }
}

const Button: FC<{ name?: string; properties?: Record<string, unknown> }> = ({ name = 'button.click', properties }) => {
  const { track } = useTracking()
  return <button onClick={() => track(properties ? { name, properties } : { name })}>{name}</button>
}

describe('TrackPage', () => {
  it('sends exactly one page event under StrictMode', () => {
    const { wrap, pages } = setup()
    render(wrap(<TrackPage name="welcome">hi</TrackPage>))
    expect(pages()).toEqual(['welcome'])
  })

  it('does not send again on re-renders or new properties, but does when the name changes', () => {
    const { wrap, pages, sink } = setup()
    const { rerender } = render(wrap(<TrackPage name="welcome" properties={{ step: 1 }}>hi</TrackPage>))
    for (let i = 0; i < 20; i++) rerender(wrap(<TrackPage name="welcome" properties={{ step: i }}>hi</TrackPage>))
    expect(pages()).toEqual(['welcome'])
    expect(sink.events[0]!.properties).toEqual({ step: 1 })
    rerender(wrap(<TrackPage name="explorer">hi</TrackPage>))
    rerender(wrap(<TrackPage name="explorer">hi again</TrackPage>))
    expect(pages()).toEqual(['welcome', 'explorer'])
  })

  it('sends again when a page is unmounted and mounted anew (closing and reopening a modal)', () => {
    const { wrap, pages } = setup()
    const { rerender } = render(wrap(<TrackPage name="settings" type={PageType.MODAL} />))
    rerender(wrap(null))
    rerender(wrap(<TrackPage name="settings" type={PageType.MODAL} />))
    expect(pages()).toEqual(['settings', 'settings'])
  })

  it('a modal page inside a page replaces the page context and starts its own sections', () => {
    const { wrap, sink } = setup()
    render(
      wrap(
        <TrackPage name="explorer">
          <TrackSection name="sidebar">
            <TrackPage name="settings" type={PageType.MODAL} category="settings">
              <Button />
            </TrackPage>
          </TrackSection>
        </TrackPage>,
      ),
    )
    fireEvent.click(screen.getByRole('button'))
    const modalPage = sink.events.find((event) => event.name === 'settings')!
    expect(modalPage.context.section).toEqual({ name: 'sidebar', path: ['sidebar'] })
    const click = sink.events.find((event) => event.type === 'track')!
    expect(click.context).toEqual({ page: { name: 'settings', type: 'modal', category: 'settings' } })
  })
})

describe('TrackSection', () => {
  it('nested sections make a path, outermost first', () => {
    const { wrap, sink } = setup()
    render(
      wrap(
        <TrackPage name="explorer">
          <TrackSection name="main">
            <TrackSection name="results">
              <TrackSection name="toolbar">
                <Button />
              </TrackSection>
            </TrackSection>
          </TrackSection>
        </TrackPage>,
      ),
    )
    fireEvent.click(screen.getByRole('button'))
    expect(sink.events.at(-1)!.context.section).toEqual({ name: 'toolbar', path: ['main', 'results', 'toolbar'] })
  })

  it('works without a page, and events inside carry no page', () => {
    const { wrap, sink } = setup()
    render(wrap(<TrackSection name="nav"><Button /></TrackSection>))
    fireEvent.click(screen.getByRole('button'))
    expect(sink.events[0]!.context).toEqual({ section: { name: 'nav', path: ['nav'] } })
  })
})

describe('useTracking', () => {
  it('keeps the identity of every function over 100 re-renders', () => {
    const { wrap } = setup()
    const seen: TrackingApi[] = []
    const Probe: FC<{ count: number }> = ({ count }) => {
      seen.push(useTracking())
      return <span>{count}</span>
    }
    const tree = (count: number) => wrap(<TrackPage name="welcome"><TrackSection name="main"><Probe count={count} /></TrackSection></TrackPage>)
    const { rerender } = render(tree(0))
    for (let count = 1; count <= 100; count++) rerender(tree(count))
    expect(seen.length).toBeGreaterThanOrEqual(101)
    for (const key of ['track', 'page', 'identify', 'reset', 'flush'] as const) {
      expect(new Set(seen.map((api) => api[key])).size).toBe(1)
    }
  })

  it('page() from the hook sends a page inside the current section; identify, reset and flush reach the tracker', async () => {
    const { wrap, sink, tracker } = setup()
    let api!: TrackingApi
    const Probe: FC = () => {
      api = useTracking()
      return null
    }
    render(wrap(<TrackSection name="nav"><Probe /></TrackSection>))
    act(() => {
      api.identify('user-1', { plan: 'pro' })
      api.page({ name: 'settings', type: PageType.MODAL })
    })
    expect(sink.events.map((event) => [event.type, event.name, event.userId])).toEqual([
      ['identify', 'identify', 'user-1'],
      ['page', 'settings', 'user-1'],
    ])
    expect(sink.events[1]!.context.section).toEqual({ name: 'nav', path: ['nav'] })
    api.reset()
    expect(tracker.userId).toBeUndefined()
    await expect(api.flush()).resolves.toEqual({ delivered: 0, dropped: 0, pending: 0 })
  })

  it('outside a provider: components render, calls do nothing, and it warns once in development', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    let api!: TrackingApi
    const Probe: FC = () => {
      api = useTracking()
      return <Button />
    }
    render(<StrictMode><TrackPage name="welcome"><TrackSection name="main"><Probe /><Probe /></TrackSection></TrackPage></StrictMode>)
    fireEvent.click(screen.getAllByRole('button')[0]!)
    expect(() => api.track({ name: 'x.y' })).not.toThrow()
    await expect(api.flush()).resolves.toEqual({ delivered: 0, dropped: 0, pending: 0 })
    const warnings = warn.mock.calls.filter((call) => String(call[0]).includes('outside a <TrackingProvider>'))
    expect(warnings).toHaveLength(1)
  })

  it('useTracker returns the provider tracker, or null outside one', () => {
    const { wrap, tracker } = setup()
    let inside: unknown
    let outside: unknown = 'unset'
    const Inside: FC = () => ((inside = useTracker()), null)
    const Outside: FC = () => ((outside = useTracker()), null)
    render(<>{wrap(<Inside />)}<Outside /></>)
    expect(inside).toBe(tracker)
    expect(outside).toBeNull()
  })
})

describe('bad input from components never breaks rendering', () => {
  it('a click with unserializable properties still renders, tracks and reaches the sink', () => {
    const { wrap, sink } = setup()
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    render(wrap(<Button name="chart.saved" properties={{ cyclic, when: 10n, cb: () => {} }} />))
    fireEvent.click(screen.getByRole('button'))
    expect(sink.events[0]!.properties).toEqual({ cyclic: { self: '[Circular]' }, when: '10' })
  })

  it('a TrackPage without a name (from untyped code) renders its children and sends nothing', () => {
    const { wrap, sink } = setup()
    render(wrap(<TrackPage name={undefined as never}><p>content</p></TrackPage>))
    expect(screen.getByText('content')).toBeTruthy()
    expect(sink.events).toHaveLength(0)
  })

  it('a provider without a tracker renders and tracks nothing', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    render(<TrackingProvider tracker={undefined as never}><TrackPage name="welcome"><Button /></TrackPage></TrackingProvider>)
    expect(() => fireEvent.click(screen.getByRole('button'))).not.toThrow()
  })

  it('a changing tracker sends the page again to the new one', () => {
    const first = setup()
    const second = setup()
    const Switcher: FC = () => {
      const [tracker, setTracker] = useState(first.tracker)
      return (
        <TrackingProvider tracker={tracker}>
          <TrackPage name="welcome"><button onClick={() => setTracker(second.tracker)}>switch</button></TrackPage>
        </TrackingProvider>
      )
    }
    render(<StrictMode><Switcher /></StrictMode>)
    fireEvent.click(screen.getByRole('button'))
    expect(first.pages()).toEqual(['welcome'])
    expect(second.pages()).toEqual(['welcome'])
  })
})
