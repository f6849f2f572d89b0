// The candidates of one run, sampled side by side, and how their results are reported and judged.
import { analytics, floor, posthogToCollector, reactTracking, readme, segmentToCollector, segmentToPlugin, withEnrichers, withHttpSink, withPlan } from './candidates'
import { perCall, sideBySide, summarize, type Sample, type Samples } from './measure'

export const TRACKPLAN = {
  readme: 'trackplan: README set-up',
  enrichers: 'trackplan: + enrichers',
  plan: 'trackplan: + plan',
  http: 'trackplan: + httpSink → collector, the calls',
  httpDelivered: 'trackplan: + httpSink → collector, until delivered',
} as const
const REACT_TRACKING = 'react-tracking'
const SEGMENT_CALLS = '@segment/analytics-next → collector, the calls'
const SEGMENT_DELIVERED = '@segment/analytics-next → collector, until delivered'
const FLOOR = 'floor: a UUID and an ISO timestamp'

/**
 * Every candidate, sampled once per round, in turn; `collector` is the origin of a real HTTP collector,
 * `vendor` that of the one Segment and posthog-js send to (in Chromium another origin, as their clouds are).
 * Segment's own HTTP delivery is a browser's: under jsdom it stalls (2 requests for 3,000 events), so
 * Node leaves it out with `segmentOverHttp: false`.
 */
export function runSuite(collector: string, { rounds = 9, warmup = 4, segmentOverHttp = true, vendor = collector } = {}): Promise<Samples> {
  const candidates: Record<string, Sample> = {
    [TRACKPLAN.readme]: perCall(readme, 20_000),
    [TRACKPLAN.enrichers]: perCall(withEnrichers, 20_000),
    [TRACKPLAN.plan]: perCall(withPlan, 20_000),
    // 1,000 clicks (as many as the httpSink's default queue holds), then delivery: timed or not.
    [TRACKPLAN.http]: perCall(withHttpSink(collector), 1_000, { callsOnly: true }),
    [TRACKPLAN.httpDelivered]: perCall(withHttpSink(collector), 1_000),
    [REACT_TRACKING]: perCall(reactTracking, 20_000),
    '@segment/analytics-next → plugin': perCall(segmentToPlugin, 1_000),
    ...(segmentOverHttp
      ? { [SEGMENT_CALLS]: perCall(segmentToCollector(vendor), 500, { callsOnly: true }), [SEGMENT_DELIVERED]: perCall(segmentToCollector(vendor), 500) }
      : {}),
    'posthog-js → collector, the calls': perCall(posthogToCollector(vendor), 1_000, { callsOnly: true }),
    // analytics gets slower as an instance handles more calls (about 60 µs to 400 µs a call over 28,000):
    // each sample starts a new instance, as a page load does, and times its first 1,000 calls.
    analytics: perCall(analytics, 1_000, { fresh: true }),
    [FLOOR]: perCall(floor, 20_000),
  }
  return sideBySide(candidates, { rounds, warmup })
}

const format = (ns: number): string => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`)

/** The targets of issue 13, as ratios in the same run. */
export interface Target {
  label: string
  ratio: number
  atLeast: number
  met: boolean
}

export function targets(samples: Samples, { segment }: { segment: boolean }): Target[] {
  const { ratio } = summarize(samples)
  // track() itself in every set-up; with an httpSink, the calls (its delivery comes after them).
  const setups = [TRACKPLAN.readme, TRACKPLAN.enrichers, TRACKPLAN.plan, TRACKPLAN.http]
  const list = setups.map((name) => ({ label: `${name} vs react-tracking`, ratio: ratio(REACT_TRACKING, name), atLeast: 4 }))
  if (segment) {
    list.push({ label: `${TRACKPLAN.http} vs ${SEGMENT_CALLS}`, ratio: ratio(SEGMENT_CALLS, TRACKPLAN.http), atLeast: 20 })
    list.push({ label: `${TRACKPLAN.httpDelivered} vs ${SEGMENT_DELIVERED}`, ratio: ratio(SEGMENT_DELIVERED, TRACKPLAN.httpDelivered), atLeast: 20 })
  }
  return list.map((target) => ({ ...target, met: target.ratio >= target.atLeast }))
}

/** A table of medians and same-round ratios, then each target met or missed. */
export function report(title: string, samples: Samples, { segmentTarget }: { segmentTarget: boolean }): string {
  const { median, ratio } = summarize(samples)
  const names = Object.keys(samples)
  const width = Math.max(...names.map((name) => name.length))
  const rows = names.map((name) => `  ${name.padEnd(width)}  ${format(median(name)).padStart(10)}  ${ratio(name, TRACKPLAN.readme).toFixed(2).padStart(7)}×`)
  const judged = targets(samples, { segment: segmentTarget }).map(
    ({ label, ratio: value, atLeast, met }) => `  ${met ? 'met   ' : 'MISSED'}  ${label}: ${value.toFixed(1)}× faster (target: at least ${atLeast}×)`,
  )
  const rounds = samples[names[0]!]!.length
  return [
    `\n${title} (median of ${rounds} rounds; ratios are medians of same-round ratios)\n`,
    `  ${'candidate'.padEnd(width)}  ${'per click'.padStart(10)}  vs README set-up`,
    ...rows,
    '',
    ...judged,
  ].join('\n')
}
