// The page of the vendor-script test: a collector sink and two vendor sinks whose scripts the test serves, blocks or holds.
import { createTracker } from 'trackplan/core'
import { dataLayerSink, gtagSink } from 'trackplan/destinations'
import { httpSink } from 'trackplan/http'

const mode = new URLSearchParams(location.search).get('mode') ?? 'ok'
const tracker = createTracker({
  sinks: [
    httpSink({ url: '/collect', batch: { intervalMs: 200 } }),
    gtagSink({ measurementId: 'G-TEST', scriptUrl: `/vendor/gtag.js?mode=${mode}`, loadTimeoutMs: 1500 }),
    dataLayerSink({ scriptUrl: `/vendor/gtm.js?mode=${mode}`, loadTimeoutMs: 1500 }),
  ],
  logLevel: 'warn',
})

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
