// gtag and dataLayer, whose contract is a window function: a stand-in window.gtag / window.dataLayer.
import { createTracker, memorySink, type Sink, type TrackingNotice } from 'trackplan/core'
import { dataLayerSink, gtagSink } from 'trackplan/destinations'
import { afterEach, describe, expect, it, vi } from 'vitest'

type TestWindow = { gtag?: (...args: unknown[]) => void; dataLayer?: unknown[] }
const testWindow = window as unknown as TestWindow

afterEach(() => {
  delete testWindow.gtag
  delete testWindow.dataLayer
  document.head.innerHTML = ''
})

function setup(sinks: Sink[]) {
  const tracker = createTracker({ sinks, logLevel: 'warn', identityStorage: false })
  const notices: TrackingNotice[] = []
  tracker.subscribe((notice) => notices.push(notice))
  return { tracker, notices }
}

describe('gtagSink', () => {
  it('maps events, pages and identify onto the gtag already on the page', async () => {
    const calls: unknown[][] = []
    testWindow.gtag = (...args) => calls.push(args)
    const { tracker, notices } = setup([gtagSink()])
    await Promise.resolve()
    tracker.page({ name: 'explorer', properties: { tab: 'sql' } })
    tracker.identify('user-1', { plan: 'pro', nested: { ignored: true } })
    tracker.track({ name: 'run_query_button.click', properties: { rows: 3, filters: ['a'] } }, { section: { name: 'sidebar', path: ['main', 'sidebar'] } })
    await vi.waitFor(() => expect(calls).toHaveLength(4))
    expect(calls).toEqual([
      ['event', 'page_view', { page_title: 'explorer', page_name: 'explorer', page_type: 'page', tab: 'sql' }],
      ['set', { user_id: 'user-1' }],
      ['set', 'user_properties', { plan: 'pro' }],
      ['event', 'run_query_button_click', { section: 'main/sidebar', rows: 3 }],
    ])
    expect(notices.filter((notice) => notice.type === 'sent')).toHaveLength(3)
  })

  it('without gtag on the page and no measurement id: one warning, a no-op, and the other sinks go on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const other = memorySink()
    const { tracker, notices } = setup([gtagSink(), other])
    for (let i = 0; i < 3; i++) tracker.track({ name: 'a.b' })
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1))
    tracker.track({ name: 'c.d' })
    expect(warn.mock.calls[0]![0]).toBe('[trackplan] sink "gtag" is off: window.gtag is not on the page. The app and the other sinks go on.')
    expect(other.events).toHaveLength(4)
    expect(notices.filter((notice) => notice.type === 'dropped').map((notice) => notice.type === 'dropped' && notice.reason)).toEqual([
      'vendor unavailable', 'vendor unavailable', 'vendor unavailable', 'vendor unavailable',
    ])
  })

  it('a gtag.js that never answers: events wait (bounded), then the sink gives up with one warning', async () => {
    vi.useFakeTimers()
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const other = memorySink()
      // jsdom never loads scripts: exactly a script that never answers.
      const { tracker, notices } = setup([gtagSink({ measurementId: 'G-TEST', loadTimeoutMs: 5000, maxBuffered: 3 }), other])
      for (let i = 0; i < 5; i++) tracker.track({ name: 'a.b', properties: { i } })
      expect(document.head.querySelector('script')?.getAttribute('src')).toBe('https://www.googletagmanager.com/gtag/js?id=G-TEST')
      expect(notices.filter((notice) => notice.type === 'dropped').map((notice) => notice.type === 'dropped' && notice.reason)).toEqual(['vendor buffer full', 'vendor buffer full'])
      await vi.advanceTimersByTimeAsync(5000)
      expect(warn).toHaveBeenCalledTimes(1)
      expect(warn.mock.calls[0]![0]).toMatch(/sink "gtag" is off: .*gtag\/js\?id=G-TEST gave no answer in 5000 ms/)
      expect(notices.filter((notice) => notice.type === 'dropped')).toHaveLength(5)
      expect(other.events).toHaveLength(5)
      // The queued gtag calls of Google's snippet are there, for gtag.js to read if it ever came.
      expect(testWindow.dataLayer?.length).toBeGreaterThan(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('dataLayerSink', () => {
  it('pushes each event with its name as `event`, properties flat, the rest under trackplan', async () => {
    const { tracker } = setup([dataLayerSink()])
    tracker.track({ name: 'signup.completed', properties: { plan: 'pro' } }, { page: { name: 'welcome', type: 'page' } })
    await vi.waitFor(() => expect(testWindow.dataLayer).toHaveLength(1))
    expect(testWindow.dataLayer![0]).toEqual({
      plan: 'pro',
      event: 'signup.completed',
      trackplan: { id: expect.any(String), type: 'track', page: { name: 'welcome', type: 'page' }, section: undefined, userId: undefined, anonymousId: expect.any(String) },
    })
  })

  it('with a container id it loads gtm.js once for every sink, and pushes gtm.start first', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    setup([dataLayerSink({ containerId: 'GTM-TEST', loadTimeoutMs: 50 })])
    setup([dataLayerSink({ containerId: 'GTM-TEST', loadTimeoutMs: 50 })])
    expect([...document.head.querySelectorAll('script')].map((script) => script.getAttribute('src'))).toEqual(['https://www.googletagmanager.com/gtm.js?id=GTM-TEST'])
    expect(testWindow.dataLayer![0]).toMatchObject({ event: 'gtm.js' })
    // jsdom never loads it: both sinks hear the one failed load.
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2))
  })
})

describe('server rendering', () => {
  it('vendor sinks do not break where there is no window', async () => {
    const stash = globalThis.window
    vi.stubGlobal('window', undefined)
    try {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { tracker } = setup([gtagSink({ measurementId: 'G-X' }), dataLayerSink()])
      expect(() => tracker.track({ name: 'a.b' })).not.toThrow()
      await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2))
    } finally {
      vi.stubGlobal('window', stash)
      vi.unstubAllGlobals()
    }
  })
})
