// @vitest-environment node
// Unbundled (tests, server rendering, Node services), every read of process.env.NODE_ENV goes to the
// environment and costs about 0.2 µs: the hot path reads it once per factory, never per call.
import { afterEach, describe, expect, it } from 'vitest'
import { createTracker, memorySink } from '../../src/core.js'

const realEnv = process.env
afterEach(() => {
  process.env = realEnv
})

function countNodeEnvReads(): { reads: () => number } {
  let reads = 0
  process.env = new Proxy(realEnv, {
    get(target, key) {
      if (key === 'NODE_ENV') reads++
      return Reflect.get(target, key)
    },
  })
  return { reads: () => reads }
}

describe('development checks in unbundled code', () => {
  it('track() and page() read NODE_ENV no more per call, in the README set-up', () => {
    const sink = memorySink()
    const tracker = createTracker({ sinks: [sink], context: { app: 'webapp' } })
    // as the React bindings pass it: frozen, with a page and a section
    const scope = Object.freeze({ page: Object.freeze({ name: 'home', type: 'page' }), section: Object.freeze({ name: 'hero' }) })
    tracker.track({ name: 'cta.clicked' as never, properties: { plan: 'pro' } }, scope as never)
    const counter = countNodeEnvReads()
    for (let index = 0; index < 50; index++) {
      tracker.track({ name: 'cta.clicked' as never, properties: { plan: 'pro', index } }, scope as never)
      tracker.page({ name: 'home' as never, properties: { index } }, scope as never)
    }
    expect(sink.events).toHaveLength(101)
    expect(counter.reads()).toBe(0)
  })
})
