// The Chromium side of `npm run bench`: every candidate in this one page, production bundles, rounds
// interleaved; the samples go back to the runner, which reports them.
import { runSuite } from './suite'

declare global {
  interface Window {
    benchResult?: { samples: Record<string, number[]>; isolated: boolean } | { error: string }
  }
}

// The page's own collector is its origin; the vendor's (Segment's) is another, as api.segment.io would be.
runSuite(location.origin, { vendor: new URLSearchParams(location.search).get('vendor') ?? location.origin }).then(
  (samples) => (window.benchResult = { samples, isolated: crossOriginIsolated }),
  (error: unknown) => (window.benchResult = { error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
)
