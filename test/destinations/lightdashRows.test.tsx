// The rows a Lightdash-style app's warehouse receives, field by field: what its own provider hands
// RudderStack's browser SDK, against what trackplan's segmentSink sends to a real Segment-compatible
// collector with the Lightdash layout and shape (in jsdom here; test/browser/lightdashRows.test.ts
// runs the same app in Chromium).
import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCollector, type Collector } from '../http/collector'
import { fieldDifferences, LightdashStyleApp, lightdashMessages, lightdashTracker, urlPaths } from './lightdashApp'

let server: Collector
beforeEach(async () => {
  server = await startCollector()
})
afterEach(() => server.close())

/** The app rendered and clicked through (Run, Sign in, Invite); the messages the collector received. */
async function clickThrough(tracker: Parameters<typeof LightdashStyleApp>[0]['tracker']): Promise<Record<string, unknown>[]> {
  render(<LightdashStyleApp tracker={tracker} />)
  fireEvent.click(screen.getByText('Run'))
  fireEvent.click(screen.getByText('Sign in'))
  fireEvent.click(screen.getByText('Invite'))
  await tracker.flush({ timeoutMs: 3000 })
  const sent = server.requests.flatMap((request) => (request.body as { batch: Record<string, unknown>[] }).batch)
  return sent
}

it("through segmentSink's Lightdash layout and shape, every field Lightdash's provider sends arrives as it sends it", async () => {
  const tracker = lightdashTracker(server.url)
  const sent = await clickThrough(tracker)
  expect(sent.map((message) => message.type)).toEqual(lightdashMessages.map((message) => message.type))
  // The one difference: the URL fields Lightdash nulls (and its hostname), which trackplan does not send.
  expect(fieldDifferences(sent)).toEqual(lightdashMessages.map((message) => ({ missing: urlPaths(message.type), differing: [] })))
})

it("with segmentSink's default layout, none of Lightdash's messages arrives as it sends it", async () => {
  const { segmentSink } = await import('../../src/destinations.ts')
  const { createTracker } = await import('../../src/core.ts')
  const tracker = createTracker({ sinks: [segmentSink({ writeKey: 'wk', host: server.url, storage: 'memory' })], logLevel: 'silent', identityStorage: false, eventNames: false })
  const sent = await clickThrough(tracker)
  const same = fieldDifferences(sent).filter(({ missing, differing }, index) => differing.length === 0 && missing.length === urlPaths(lightdashMessages[index]!.type).length)
  expect(same).toEqual([])
})
