// What `npm run bench` times, the same in Node (jsdom) and in Chromium: a click handler calling
// track() inside provider → page → section, for trackplan in the set-ups the README shows and for
// its peers built the way their own documentation builds them.
import { AnalyticsBrowser, Analytics as SegmentAnalytics } from '@segment/analytics-next'
import { Analytics as AnalyticsLib } from 'analytics'
import { posthog } from 'posthog-js'
import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { useTracking as useReactTracking } from 'react-tracking'
import { createTracker, definePlan, TrackingProvider, TrackPage, TrackSection, useTracking, type Sink, type TrackerOptions } from 'trackplan'
import { appVersion, locale, pageUrl, referrer, screenSize } from 'trackplan/enrichers'
import { httpSink } from 'trackplan/http'
import { z } from 'zod'

/** A click handler, and what must be awaited for the work it started to count (delivery, for HTTP). */
export interface Candidate {
  click: () => unknown
  settle?: () => Promise<unknown>
}

export const page = { name: 'explorer', type: 'page' } as const
export const section = { name: 'sidebar', path: ['sidebar'] }
const eventName = 'run_query_button.click'
let clicks = 0
/** A new properties object on every click, as a handler that reads its component's state makes. */
const properties = (): { rows: number; cached: boolean } => ({ rows: ++clicks % 100, cached: clicks % 2 === 0 })
const noopSink: Sink = { name: 'noop', send() {} }

/** Renders `tree` into a new element of the page, at once; returns what unmounts it and removes the element. */
export function mount(tree: ReactNode): () => void {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  flushSync(() => root.render(tree))
  return () => {
    flushSync(() => root.unmount())
    container.remove()
  }
}

function trackplan(options: TrackerOptions): Candidate {
  let click!: () => void
  const Button = (): null => {
    const { track } = useTracking()
    click = () => track({ name: eventName as never, properties: properties() })
    return null
  }
  const tracker = createTracker(options)
  mount(
    <TrackingProvider tracker={tracker}>
      <TrackPage name={page.name as never}>
        <TrackSection name={section.name as never}>
          <Button />
        </TrackSection>
      </TrackPage>
    </TrackingProvider>,
  )
  return { click, settle: () => tracker.flush({ timeoutMs: 10_000 }) }
}

const plan = definePlan({
  events: { [eventName]: { description: 'The Run button was clicked', properties: z.object({ rows: z.number().int(), cached: z.boolean().optional() }) } },
  pages: { [page.name]: { description: 'Where queries are built' } },
  sections: { [section.name]: { description: 'The query controls' } },
})

/** The README's set-up: global context, page and section, default redaction, a sink that does nothing. */
export const readme = (): Candidate => trackplan({ sinks: [noopSink], context: { app: 'webapp' } })
/** The README's enrichers on top. */
export const withEnrichers = (): Candidate =>
  trackplan({ sinks: [noopSink], context: { app: 'webapp' }, enrich: [appVersion('1.4.0'), locale(), screenSize(), pageUrl(), referrer()] })
/** The README's plan on top, with `validate: 'warn'` as the README shows it. */
export const withPlan = (): Candidate => trackplan({ sinks: [noopSink], context: { app: 'webapp' }, plan, validate: 'warn' })
/**
 * The README's httpSink to a real collector, with its defaults (localStorage, batches of 50). The page
 * view the mount sends is delivered first: a sample's clicks then fill the queue without overflowing it.
 */
export const withHttpSink = (collector: string) => async (): Promise<Candidate> => {
  const candidate = trackplan({ sinks: [httpSink({ url: `${collector}/collect` })], context: { app: 'webapp' } })
  await candidate.settle!()
  return candidate
}

/** react-tracking as its README nests it: the app's global data at the top, then page and section. */
export function reactTracking(): Candidate {
  let click!: () => void
  const Button = (): null => {
    const { trackEvent } = useReactTracking()
    click = () => trackEvent({ event: eventName, ...properties() })
    return null
  }
  const Section = (): ReactNode => {
    const { Track } = useReactTracking({ section })
    return <Track><Button /></Track>
  }
  const Page = (): ReactNode => {
    const { Track } = useReactTracking({ page })
    return <Track><Section /></Track>
  }
  const App = (): ReactNode => {
    const { Track } = useReactTracking({ app: 'webapp' }, { dispatch: () => {} })
    return <Track><Page /></Track>
  }
  mount(<App />)
  return { click }
}

/** Segment's Analytics class with one destination plugin and no network: its pipeline alone. */
export async function segmentToPlugin(): Promise<Candidate> {
  const analytics = new SegmentAnalytics({ writeKey: 'bench' }, { disableClientPersistence: true })
  await analytics.register({
    name: 'bench destination',
    type: 'destination',
    version: '1.0.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: (context) => Promise.resolve(context),
  })
  return { click: () => analytics.track(eventName, { ...properties(), page, section }) }
}

/**
 * Segment as a page loads it, with its default delivery (a request per event) to a real collector.
 * Its batching delivery is left out: with it in the page, every request of the page (its own and the
 * httpSink's) waited 4–10 s to start in headless Chromium, which would measure that stall, not Segment.
 */
export const segmentToCollector = (collector: string) => async (): Promise<Candidate> => {
  const { host } = new URL(collector)
  const [analytics] = await AnalyticsBrowser.load(
    {
      writeKey: 'bench',
      cdnSettings: {
        integrations: {
          'Segment.io': { apiKey: 'bench', apiHost: `${host}/v1`, protocol: 'http' },
        },
      },
    },
    { disableClientPersistence: true },
  )
  return { click: () => analytics.track(eventName, { ...properties(), page, section }) }
}

/**
 * posthog-js as its documentation sets it up, sending to a real collector, with what would reach the
 * network beyond it turned off: no feature flags or remote config, no session recording, surveys,
 * autocapture or page views, and memory persistence. It batches its requests, as trackplan does. Its
 * client-side rate limit (10 events/s, bursts of 100) is lifted: a dropped call costs almost nothing,
 * and a click handler in an app does not make 1,000 calls at once. It has no public flush: its queue
 * is sent every 250 ms (its shortest interval), and `settle` waits for that, untimed, so that its
 * sending does not fall into the next candidate's sample. Every event reaches the collector (13,000 of
 * 13,000 in a probe). A capture costs hundreds of µs: a profile in Node puts about a quarter of it in
 * building an `Intl.DateTimeFormat` for each event, to read the time zone.
 */
export const posthogToCollector = (collector: string) => (): Candidate => {
  const instance = posthog.init(
    'phc_bench',
    {
      api_host: collector,
      advanced_disable_flags: true,
      disable_session_recording: true,
      disable_surveys: true,
      autocapture: false,
      capture_pageview: false,
      capture_pageleave: false,
      persistence: 'memory',
      rate_limiting: { events_per_second: 1e9, events_burst_limit: 1e9 },
      request_queue_config: { flush_interval_ms: 250 },
      // Headless Chromium is a bot to posthog-js, which would drop every event before any work.
      opt_out_useragent_filter: true,
    },
    'bench',
  )!
  return {
    click: () => instance.capture(eventName, { ...properties(), page, section }),
    settle: () => new Promise((resolve) => setTimeout(resolve, 400)),
  }
}

/** analytics (DavidWells) with a plugin that does nothing; it slows down as an instance handles more calls. */
export function analytics(): Candidate {
  const instance = AnalyticsLib({ app: 'webapp', plugins: [{ name: 'noop', track: () => {} }] })
  return { click: () => instance.track(eventName, { ...properties(), page, section }) }
}

/** The cost every candidate's envelope pays at least: a UUID and an ISO timestamp. */
export const floor = (): Candidate => ({ click: () => ({ id: crypto.randomUUID(), timestamp: new Date().toISOString(), name: eventName }) })
