import { afterAll, expect } from 'vitest'
import { writeCoverageRecord } from './coverageRecord.js'
import { trackingMatchers, type TrackingMatchers } from './matchers.js'

expect.extend(trackingMatchers)

// With TRACKPLAN_COVERAGE_DIR set, what the tests tracked is kept for `npx trackplan coverage`.
afterAll(() => {
  const dir = process.env.TRACKPLAN_COVERAGE_DIR
  if (dir) writeCoverageRecord(dir)
})

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends TrackingMatchers<T> {}
}
