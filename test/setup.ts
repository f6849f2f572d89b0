import 'trackplan/testing/setup'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(() => {
  cleanup()
  // The stored identity and queues of one test must not leak into the next.
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      globalThis[kind]?.clear()
    } catch {
      // a test that made storage throw (server rendering, private mode)
    }
  }
})
