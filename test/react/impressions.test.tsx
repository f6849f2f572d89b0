import { act, render, screen } from '@testing-library/react'
import { StrictMode, type ReactNode } from 'react'
import { createTracker, memorySink, TrackImpression, TrackingProvider, TrackPage, TrackSection, useTrackImpression, useTrackOnMount } from 'trackplan'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A stand-in IntersectionObserver the test drives: `show(element, ratio)`. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = []
  readonly elements = new Set<Element>()
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    FakeIntersectionObserver.instances.push(this)
  }
  observe(element: Element) {
    this.elements.add(element)
  }
  unobserve(element: Element) {
    this.elements.delete(element)
  }
  disconnect() {
    this.elements.clear()
  }
  static show(element: Element, ratio: number) {
    for (const observer of FakeIntersectionObserver.instances) {
      if (!observer.elements.has(element)) continue
      const entry = { target: element, isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry
      observer.callback([entry], observer as unknown as IntersectionObserver)
    }
  }
}

function setup(ui: ReactNode) {
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
  const result = render(
    <StrictMode>
      <TrackingProvider tracker={tracker}>{ui}</TrackingProvider>
    </StrictMode>,
  )
  const names = () => sink.events.filter((event) => event.type === 'track').map((event) => event.name)
  return { sink, tracker, names, ...result }
}

describe('useTrackOnMount', () => {
  it('sends once under StrictMode, with page and section, after the page event', async () => {
    const Chart = () => {
      useTrackOnMount({ name: 'chart.loaded', properties: { type: 'bar' } })
      return <p>chart</p>
    }
    const { sink, rerender } = setup(
      <TrackPage name="dashboard">
        <TrackSection name="tiles">
          <Chart />
        </TrackSection>
      </TrackPage>,
    )
    await act(async () => {})
    rerender(<StrictMode><TrackingProvider tracker={createTracker({ logLevel: 'silent' })}><p /></TrackingProvider></StrictMode>)
    expect(sink.events.map((event) => [event.type, event.name])).toEqual([
      ['page', 'dashboard'],
      ['track', 'chart.loaded'],
    ])
    expect(sink.events[1]!.context).toEqual({ page: { name: 'dashboard', type: 'page' }, section: { name: 'tiles', path: ['tiles'] } })
  })

  it('does not send again on re-renders', async () => {
    const Probe = ({ n }: { n: number }) => {
      useTrackOnMount({ name: 'widget.shown', properties: { n } })
      return null
    }
    const sink = memorySink()
    const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })
    const tree = (n: number) => <StrictMode><TrackingProvider tracker={tracker}><Probe n={n} /></TrackingProvider></StrictMode>
    const { rerender } = render(tree(1))
    for (let n = 2; n < 20; n++) rerender(tree(n))
    await act(async () => {})
    expect(sink.events.map((event) => event.properties)).toEqual([{ n: 1 }])
  })
})

describe('impressions', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeIntersectionObserver.instances = []
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const Card = ({ id, once, dwellMs, threshold }: { id: number; once?: boolean; dwellMs?: number; threshold?: number }) => {
    const options = { ...(once === undefined ? {} : { once }), ...(dwellMs === undefined ? {} : { dwellMs }), ...(threshold === undefined ? {} : { threshold }) }
    const ref = useTrackImpression<HTMLLIElement>({ name: 'card.viewed', properties: { id } }, options)
    return <li ref={ref} data-testid={`card-${id}`}>card {id}</li>
  }
  const card = (id: number) => screen.getByTestId(`card-${id}`)
  const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms))
  const show = (id: number, ratio: number) => act(() => FakeIntersectionObserver.show(card(id), ratio))

  it('sends once an element has been at least half visible for a second, with its context', () => {
    const { sink } = setup(<TrackSection name="feed"><ul><Card id={1} /></ul></TrackSection>)
    show(1, 0.6)
    advance(999)
    expect(sink.events).toHaveLength(0)
    advance(1)
    expect(sink.events.map((event) => [event.name, event.properties, event.context.section?.name])).toEqual([['card.viewed', { id: 1 }, 'feed']])
  })

  it('nothing for an element scrolled past faster than the dwell, or less visible than the threshold', () => {
    const { names } = setup(<ul><Card id={1} /><Card id={2} /></ul>)
    show(1, 1)
    advance(400)
    show(1, 0)
    show(2, 0.3)
    advance(5000)
    expect(names()).toEqual([])
  })

  it('nothing again on re-renders or when it comes back; again with once: false', () => {
    const { names, rerender, tracker } = setup(<ul><Card id={1} /><Card id={2} once={false} /></ul>)
    for (const id of [1, 2]) show(id, 1)
    advance(1000)
    rerender(<StrictMode><TrackingProvider tracker={tracker}><ul><Card id={1} /><Card id={2} once={false} /></ul></TrackingProvider></StrictMode>)
    for (const id of [1, 2]) show(id, 0)
    for (const id of [1, 2]) show(id, 1)
    advance(1000)
    expect(names()).toEqual(['card.viewed', 'card.viewed', 'card.viewed'])
  })

  it('custom threshold and dwell', () => {
    const { names } = setup(<ul><Card id={1} threshold={0.9} dwellMs={200} /></ul>)
    show(1, 0.8)
    advance(1000)
    expect(names()).toEqual([])
    show(1, 0.95)
    advance(200)
    expect(names()).toEqual(['card.viewed'])
  })

  it('one shared observer for a thousand cards', () => {
    setup(<ul>{Array.from({ length: 1000 }, (_, id) => <Card key={id} id={id} />)}</ul>)
    expect(FakeIntersectionObserver.instances).toHaveLength(1)
    expect(FakeIntersectionObserver.instances[0]!.elements.size).toBe(1000)
    expect(FakeIntersectionObserver.instances[0]!.options.threshold).toBe(0.5)
  })

  it('unmounting during the dwell sends nothing and stops observing', () => {
    const { names, rerender, tracker } = setup(<ul><Card id={1} /></ul>)
    const element = card(1)
    show(1, 1)
    rerender(<StrictMode><TrackingProvider tracker={tracker}><ul /></TrackingProvider></StrictMode>)
    advance(2000)
    expect(names()).toEqual([])
    expect(FakeIntersectionObserver.instances[0]!.elements.has(element)).toBe(false)
  })

  it('<TrackImpression> wraps children and sends the same way', () => {
    const { names } = setup(<TrackImpression event={{ name: 'banner.viewed' }} dwellMs={500}><p>Upgrade</p></TrackImpression>)
    const wrapper = screen.getByText('Upgrade').parentElement!
    act(() => FakeIntersectionObserver.show(wrapper, 1))
    advance(500)
    expect(names()).toEqual(['banner.viewed'])
  })

  it('where there is no IntersectionObserver, nothing breaks and nothing is sent', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    const { names } = setup(<ul><Card id={1} /></ul>)
    advance(5000)
    expect(card(1).textContent).toBe('card 1')
    expect(names()).toEqual([])
  })

  it('a bad threshold or dwell from untyped code falls back without breaking', () => {
    const { names } = setup(<ul><Card id={1} threshold={Number.NaN} dwellMs={-5} /></ul>)
    expect(FakeIntersectionObserver.instances[0]!.options.threshold).toBe(0.5)
    show(1, 1)
    advance(0)
    expect(names()).toEqual(['card.viewed'])
  })
})
