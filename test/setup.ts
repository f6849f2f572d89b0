import 'trackplan/testing/setup'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// jsdom has no scrolling: the routers' scroll restoration would print "Not implemented: Window's
// scrollTo()" on every navigation. Nothing here asserts on scrolling.
if (typeof window !== 'undefined' && /jsdom/i.test(navigator.userAgent)) window.scrollTo = () => {}

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
