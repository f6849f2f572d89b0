// What other entries (Storybook's) share of the testing kit: everything but Testing Library's
// renderWithTracking, so that a Storybook without @testing-library/react loads it.
export { createTestTracker, type TestTracker } from './createTestTracker.js'
export { describeTracked, trackingMatchers, type TrackingMatchers } from './matchers.js'
export type { ExpectedEvent } from './expectedEvents.js'
