// @vitest-environment node
// A Next.js-style provider makes its tracker while the server renders the page: its relative
// collector URL is no mistake there, and nothing is said, since nothing is tracked on the server.
import { renderToString } from 'react-dom/server'
import { expect, it, vi } from 'vitest'
import { createTracker } from '../../src/core.ts'
import { httpSink } from '../../src/http.ts'
import { TrackingProvider, TrackPage } from '../../src/react.ts'

it('server rendering with a relative URL says nothing; a server that tracks to it is told once, at error level', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const tracker = createTracker({ sinks: [httpSink({ url: '/api/collect' })], identityStorage: false })
  const html = renderToString(
    <TrackingProvider tracker={tracker}>
      <TrackPage name="home">
        <h1>Home</h1>
      </TrackPage>
    </TrackingProvider>,
  )
  expect(html).toContain('<h1>Home</h1>')
  expect(error).not.toHaveBeenCalled()
  tracker.track({ name: 'query.run' })
  tracker.track({ name: 'query.run' })
  expect(error.mock.calls).toEqual([[expect.stringContaining('httpSink "http": url "/api/collect" is not a URL this runtime can send to; events are kept but not sent')]])
  error.mockRestore()
})
