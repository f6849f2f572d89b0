// The page of the vendor-script test: a collector sink and two vendor sinks whose scripts the test serves, blocks or holds.
import { createTracker, withRouting, type Sink } from 'trackplan/core'
import { dataLayerSink, gtagSink } from 'trackplan/destinations'
import { httpSink } from 'trackplan/http'

const search = new URLSearchParams(location.search)
const mode = search.get('mode') ?? 'ok'
// ?consent: opt-in, the vendors gated on "marketing", granted by the "Accept marketing" button.
const optIn = search.has('consent')
const marketing = (sink: Sink): Sink => (optIn ? withRouting(sink, { consent: 'marketing' }) : sink)
const tracker = createTracker({
  sinks: [
    httpSink({ url: '/collect', batch: { intervalMs: 200 } }),
    marketing(gtagSink({ measurementId: 'G-TEST', scriptUrl: `/vendor/gtag.js?mode=${mode}`, loadTimeoutMs: 1500 })),
    marketing(dataLayerSink({ scriptUrl: `/vendor/gtm.js?mode=${mode}`, loadTimeoutMs: 1500 })),
  ],
  logLevel: 'warn',
  consent: optIn ? 'opt-in' : 'not-required',
})
if (optIn) {
  tracker.setConsent({ analytics: true })
  const accept = document.createElement('button')
  accept.textContent = 'Accept marketing'
  accept.onclick = () => tracker.setConsent({ marketing: true })
  document.body.append(accept)
}

let clicks = 0
const button = document.createElement('button')
button.textContent = 'Clicked 0 times'
button.onclick = () => {
  clicks++
  tracker.track({ name: 'cta_button.click', properties: { clicks } })
  button.textContent = `Clicked ${clicks} times`
}
document.body.append(button)
tracker.track({ name: 'app.started' })
