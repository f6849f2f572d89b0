// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, expect, it } from 'vitest'

const trapped = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage'] as const

// Any read of a browser global during import or server rendering fails the test.
beforeAll(() => {
  for (const name of trapped) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        throw new Error(`touched ${name} on the server`)
      },
    })
  }
})
afterAll(() => {
  for (const name of trapped) delete (globalThis as Record<string, unknown>)[name]
})

it('imports and server-renders without touching window, document or storage', async () => {
  const { createTracker, memorySink, TrackingProvider, TrackPage, TrackSection, useTracking } = await import('trackplan')
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink] })
  const Button = () => {
    const { track } = useTracking()
    return <button onClick={() => track({ name: 'button.click' })}>go</button>
  }
  const html = renderToString(
    <TrackingProvider tracker={tracker}>
      <TrackPage name="welcome">
        <TrackSection name="main">
          <Button />
        </TrackSection>
      </TrackPage>
    </TrackingProvider>,
  )
  expect(html).toBe('<button>go</button>')
  // Effects do not run on the server: the page event is sent by the browser after hydration.
  expect(sink.events).toHaveLength(0)
  tracker.track({ name: 'server.rendered' })
  expect(sink.events.map((event) => event.name)).toEqual(['server.rendered'])
})
