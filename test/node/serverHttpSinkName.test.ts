// @vitest-environment node
// A server's delivery problems name the sink the app created: serverHttpSink, not httpSink's
// default "http". Its journal keeps the folder it always had.
import { createServerTracker, serverHttpSink } from 'trackplan/node'
import { expect, it, vi } from 'vitest'

it('serverHttpSink speaks as "serverHttpSink" when it has no name of its own', async () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const sink = serverHttpSink({ url: 'http://127.0.0.1:1/collect', directory: false, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } })
  expect(sink.name).toBe('serverHttpSink')
  const tracker = createServerTracker({ sinks: [sink] })
  tracker.track({ name: 'job.finished' })
  await tracker.flush({ timeoutMs: 2000 })
  await tracker.close({ timeoutMs: 100 })
  expect(error.mock.calls.map((call) => String(call[0])).some((line) => line.includes('httpSink "serverHttpSink": network error'))).toBe(true)
})
