// The rows a Lightdash-style app's warehouse receives, field by field: what its own provider hands
// RudderStack's browser SDK (written here from Lightdash's public TrackingProvider), against what
// trackplan's segmentSink sends to a real Segment-compatible collector with the Lightdash layout and shape.
import { fireEvent, render, screen } from '@testing-library/react'
import { createTracker, PageType } from 'trackplan/core'
import { segmentLayouts, segmentSink } from 'trackplan/destinations'
import { shapeEvents } from 'trackplan/http'
import { TrackingProvider, TrackPage, TrackSection, useTracking } from 'trackplan/react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCollector, type Collector } from '../http/collector'

let server: Collector
beforeEach(async () => {
  server = await startCollector()
})
afterEach(() => server.close())

const version = '0.1234.0'
const app = { namespace: 'lightdash', name: 'lightdash_webapp', version, build: version }

type Page = { name: string; category: string; type?: 'page' | 'modal' }
/** Lightdash's page properties: its own fields, and RudderStack's URL fields set to null. */
const lightdashPage = ({ name, category, type = 'page' }: Page) => ({ name, category, type, hostname: 'localhost', url: null, path: null, referrer: null, initial_referrer: null, search: null, tab_url: null })
/** The fields of each message Lightdash's provider decides (RudderStack adds its library, locale, screen…). */
const lightdash = {
  page: (page: Page) => ({ type: 'page', name: page.name, category: page.category, properties: { ...lightdashPage(page), category: page.category, name: page.name }, context: { app, page: lightdashPage(page) } }),
  track: (name: string, properties: object, page: Page, section?: string) => ({ type: 'track', event: `lightdash_webapp.${name}`, properties, context: { app, page: lightdashPage(page), section: section === undefined ? undefined : { name: section } } }),
  identify: (userId: string, traits: object, page: Page) => ({ type: 'identify', userId, context: { app, page: lightdashPage(page), traits } }),
}

/** Every leaf path of a value, with its value (undefined leaves left out, as JSON leaves them). */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const found = new Map<string, unknown>()
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) for (const [at, leaf] of leaves(inner, path ? `${path}.${key}` : key)) found.set(at, leaf)
  } else if (value !== undefined) found.set(path, value)
  return found
}

function Explorer() {
  const { identify } = useTracking()
  return (
    <>
      <TrackSection name="sidebar">
        <RunQueryButton />
      </TrackSection>
      <button onClick={() => identify('user-9', { email: 'ada@example.com', is_tracking_anonymized: false })}>Sign in</button>
    </>
  )
}

it("through segmentSink's Lightdash layout and shape, every field Lightdash's provider sends arrives as it sends it", async () => {
  const sink = segmentSink({
    writeKey: 'wk',
    host: server.url,
    storage: 'memory',
    layout: segmentLayouts.lightdash,
    shape: shapeEvents({ eventName: { prefix: 'lightdash_webapp.' }, context: { app } }),
  })
  const tracker = createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false, eventNames: false })
  const explorer: Page = { name: 'explorer', category: 'analysis' }
  const settings: Page = { name: 'organization_settings', category: 'settings', type: 'modal' }
  render(
    <TrackingProvider tracker={tracker}>
      <TrackPage name={explorer.name} category={explorer.category}>
        <Explorer />
        <TrackPage name={settings.name} category={settings.category} type={PageType.MODAL}>
          <TrackSection name="members">
            <MembersButton />
          </TrackSection>
        </TrackPage>
      </TrackPage>
    </TrackingProvider>,
  )
  fireEvent.click(screen.getByText('Run'))
  fireEvent.click(screen.getByText('Sign in'))
  fireEvent.click(screen.getByText('Invite'))
  await tracker.flush({ timeoutMs: 3000 })
  const sent = server.requests.flatMap((request) => (request.body as { batch: Record<string, unknown>[] }).batch)
  const expected = [
    lightdash.page(settings),
    lightdash.page(explorer),
    lightdash.track('run_query_button.clicked', { rows: 3 }, explorer, 'sidebar'),
    lightdash.identify('user-9', { email: 'ada@example.com', is_tracking_anonymized: false }, explorer),
    lightdash.track('invite_button.clicked', {}, settings, 'members'),
  ]
  expect(sent.map((message) => [message.type, message.name ?? message.event])).toEqual(expected.map((message) => [message.type, 'name' in message ? message.name : 'event' in message ? message.event : undefined]))
  // Field by field: what Lightdash sends and trackplan does not, what differs, and what trackplan adds.
  const differences = expected.map((theirs, index) => {
    const ours = leaves(sent[index])
    const missing: string[] = []
    const differing: string[] = []
    for (const [path, value] of leaves(theirs)) {
      if (!ours.has(path)) missing.push(path)
      else if (JSON.stringify(ours.get(path)) !== JSON.stringify(value)) differing.push(`${path}: ${JSON.stringify(ours.get(path))} for ${JSON.stringify(value)}`)
    }
    return { missing, differing }
  })
  // The one difference: Lightdash nulls RudderStack's URL fields and adds the hostname, in the page
  // context and in a page call's properties; trackplan sends no URL unless an enricher adds one.
  const urlFields = ['hostname', 'url', 'path', 'referrer', 'initial_referrer', 'search', 'tab_url']
  const urlPaths = (type: string) => [...(type === 'page' ? urlFields.map((field) => `properties.${field}`) : []), ...urlFields.map((field) => `context.page.${field}`)]
  expect(differences).toEqual(expected.map((message) => ({ missing: urlPaths(message.type), differing: [] })))
})

function RunQueryButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'run_query_button.clicked', properties: { rows: 3 } })}>Run</button>
}

function MembersButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'invite_button.clicked' })}>Invite</button>
}
