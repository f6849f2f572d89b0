// A Lightdash-style app (pages, a modal, sections, clicks, identify) sending through segmentSink
// with the Lightdash layout and shape; and what Lightdash's own provider hands RudderStack's browser
// SDK for the same interactions, written from Lightdash's public TrackingProvider.
import { createTracker, PageType } from '../../src/core.ts'
import { segmentLayouts, segmentSink } from '../../src/destinations.ts'
import { shapeEvents } from '../../src/http.ts'
import { TrackingProvider, TrackPage, TrackSection, useTracking } from '../../src/react.ts'

const version = '0.1234.0'
const app = { namespace: 'lightdash', name: 'lightdash_webapp', version, build: version }

type Page = { name: string; category: string; type?: 'page' | 'modal' }
const explorer: Page = { name: 'explorer', category: 'analysis' }
const settings: Page = { name: 'organization_settings', category: 'settings', type: 'modal' }

/** Lightdash's page properties: its own fields, and RudderStack's URL fields set to null. */
const lightdashPage = ({ name, category, type = 'page' }: Page) => ({ name, category, type, hostname: 'localhost', url: null, path: null, referrer: null, initial_referrer: null, search: null, tab_url: null })
const lightdash = {
  page: (page: Page) => ({ type: 'page', name: page.name, category: page.category, properties: { ...lightdashPage(page), category: page.category, name: page.name }, context: { app, page: lightdashPage(page) } }),
  track: (name: string, properties: object, page: Page, section: string) => ({ type: 'track', event: `lightdash_webapp.${name}`, properties, context: { app, page: lightdashPage(page), section: { name: section } } }),
  identify: (userId: string, traits: object, page: Page) => ({ type: 'identify', userId, context: { app, page: lightdashPage(page), traits } }),
}

/** The fields Lightdash's provider decides in each message, for the interactions `LightdashStyleApp` has (RudderStack adds its library, locale, screen…). */
export const lightdashMessages = [
  lightdash.page(settings),
  lightdash.page(explorer),
  lightdash.track('run_query_button.clicked', { rows: 3 }, explorer, 'sidebar'),
  lightdash.identify('user-9', { email: 'ada@example.com', is_tracking_anonymized: false }, explorer),
  lightdash.track('invite_button.clicked', {}, settings, 'members'),
]

/** The URL fields Lightdash nulls (and its hostname): what trackplan does not send unless an enricher adds it. */
export const urlPaths = (type: string): string[] => {
  const fields = ['hostname', 'url', 'path', 'referrer', 'initial_referrer', 'search', 'tab_url']
  return [...(type === 'page' ? fields.map((field) => `properties.${field}`) : []), ...fields.map((field) => `context.page.${field}`)]
}

/** Every leaf path of a value, with its value (undefined leaves left out, as JSON leaves them). */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const found = new Map<string, unknown>()
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) for (const [at, leaf] of leaves(inner, path ? `${path}.${key}` : key)) found.set(at, leaf)
  } else if (value !== undefined) found.set(path, value)
  return found
}

/** Field by field, for each of Lightdash's messages: what trackplan's message lacks, and what it has otherwise. */
export function fieldDifferences(sent: readonly Record<string, unknown>[]): { missing: string[]; differing: string[] }[] {
  return lightdashMessages.map((theirs, index) => {
    const ours = leaves(sent[index])
    const missing: string[] = []
    const differing: string[] = []
    for (const [path, value] of leaves(theirs)) {
      if (!ours.has(path)) missing.push(path)
      else if (JSON.stringify(ours.get(path)) !== JSON.stringify(value)) differing.push(`${path}: ${JSON.stringify(ours.get(path))} for ${JSON.stringify(value)}`)
    }
    return { missing, differing }
  })
}

/** The tracker, sending to a Segment-compatible collector at `host` with Lightdash's rows. */
export function lightdashTracker(host: string) {
  const sink = segmentSink({
    writeKey: 'wk',
    host,
    storage: 'memory',
    layout: segmentLayouts.lightdash,
    shape: shapeEvents({ eventName: { prefix: 'lightdash_webapp.' }, context: { app } }),
  })
  return createTracker({ sinks: [sink], logLevel: 'silent', identityStorage: false, eventNames: false })
}

function RunQueryButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'run_query_button.clicked', properties: { rows: 3 } })}>Run</button>
}
function InviteButton() {
  const { track } = useTracking()
  return <button onClick={() => track({ name: 'invite_button.clicked' })}>Invite</button>
}
function SignIn() {
  const { identify } = useTracking()
  return <button onClick={() => identify('user-9', { email: 'ada@example.com', is_tracking_anonymized: false })}>Sign in</button>
}

/** Click Run, then Sign in, then Invite. */
export function LightdashStyleApp({ tracker }: { tracker: ReturnType<typeof createTracker> }) {
  return (
    <TrackingProvider tracker={tracker}>
      <TrackPage name={explorer.name} category={explorer.category}>
        <TrackSection name="sidebar">
          <RunQueryButton />
        </TrackSection>
        <SignIn />
        <TrackPage name={settings.name} category={settings.category} type={PageType.MODAL}>
          <TrackSection name="members">
            <InviteButton />
          </TrackSection>
        </TrackPage>
      </TrackPage>
    </TrackingProvider>
  )
}
