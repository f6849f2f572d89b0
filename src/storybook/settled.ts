import type { TrackedEvent } from '../core.js'
import { trackingMatchers, type ExpectedEvent } from '../testing/internal.js'

const isAsymmetricMatcher = (value: unknown): value is { asymmetricMatch(other: unknown): boolean } =>
  typeof value === 'object' && value !== null && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function'

/**
 * Deep equality with asymmetric matchers, enough to tell when to stop waiting. It only decides when
 * the real check runs: that check, with Storybook's expect and Vitest's equality, decides the result.
 */
function roughlyEquals(actual: unknown, expected: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual)
  if (Object.is(actual, expected)) return true
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false
  if (Array.isArray(actual) !== Array.isArray(expected)) return false
  const actualKeys = Object.keys(actual)
  const expectedKeys = Object.keys(expected)
  if (actualKeys.length !== expectedKeys.length) return false
  return expectedKeys.every((key) => roughlyEquals((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]))
}

const quiet = { isNot: false, equals: roughlyEquals }

/** Resolves once the events meet the expectation, or after `timeoutMs`, whichever comes first. */
export async function settled(events: () => readonly TrackedEvent[], wanted: readonly ExpectedEvent[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!trackingMatchers.toHaveTrackedInOrder.call(quiet, events(), wanted).pass && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
