import { afterAll, expect } from 'vitest'
import { nodeProcess, writeCoverageRecord } from './coverageRecord.js'
import { trackingMatchers, type TrackingMatchers } from './matchers.js'

expect.extend(trackingMatchers)

// With TRACKPLAN_COVERAGE_DIR set, what the tests tracked is kept for `npx trackplan coverage`.
// In Vitest's browser mode there is no process and no file system: nothing is recorded there.
afterAll(() => {
  const dir = nodeProcess()?.env.TRACKPLAN_COVERAGE_DIR
  if (dir && !writeCoverageRecord(dir)) console.warn('[trackplan] TRACKPLAN_COVERAGE_DIR is set, but this runtime has no process.getBuiltinModule (Node 20.16 or later): nothing recorded.')
})

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends TrackingMatchers<T> {}
}
