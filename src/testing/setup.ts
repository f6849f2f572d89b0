import { expect } from 'vitest'
import { trackingMatchers, type TrackingMatchers } from './matchers.js'

expect.extend(trackingMatchers)

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends TrackingMatchers<T> {}
}
