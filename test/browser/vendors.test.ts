// @vitest-environment node
// Vendor scripts in real Chromium: blocked (404) or never answering, the app works and the collector
// gets everything; loaded, the vendor gets the events that waited for it.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Collector } from '../http/collector'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

describeInBrowser('vendor scripts in Chromium', () => {
  let browser: Browser
  let server: Collector

  beforeAll(async () => {
    const script = await bundlePage(new URL('./vendorPage.ts', import.meta.url))
    server = await servePage('/page.html', '<!doctype html><body><script src="/page.js"></script>', script, (request, response) => {
      const url = new URL(request.url ?? '/', 'http://x')
      if (!url.pathname.startsWith('/vendor/')) return false
      const mode = url.searchParams.get('mode')
      if (mode === '404') response.writeHead(404).end()
      else if (mode === 'hang') return true // never answers
      else response.writeHead(200, { 'content-type': 'text/javascript' }).end(`window.__loaded = (window.__loaded || []).concat(${JSON.stringify(url.pathname)})`)
      return true
    })
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it.each(['404', 'hang'])('a vendor script that is blocked (%s): the app works, one warning per vendor, and the collector gets every event', async (mode) => {
    const page = await browser.newPage()
    const warnings: string[] = []
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()))
    const collected = server.requests.length
    // Not waiting for "load": a script that never answers holds the load event forever.
    await page.goto(`${server.url}/page.html?mode=${mode}`, { waitUntil: 'domcontentloaded' })
    const button = page.getByRole('button')
    for (let i = 0; i < 5; i++) await button.click()
    await expect.poll(() => button.textContent()).toBe('Clicked 5 times')
    await expect.poll(() => warnings.filter((text) => text.includes('is off')).length, { timeout: 5000 }).toBe(2)
    expect(warnings.filter((text) => text.includes('is off')).sort()).toEqual([
      expect.stringMatching(/^\[trackplan\] sink "dataLayer" is off: .*\/vendor\/gtm\.js\?mode=/),
      expect.stringMatching(/^\[trackplan\] sink "gtag" is off: .*\/vendor\/gtag\.js\?mode=/),
    ])
    const names = () => server.requests.slice(collected).filter((request) => request.path === '/collect').flatMap((request) => (request.body as { batch: { name: string }[] }).batch.map((event) => event.name))
    await expect.poll(names, { timeout: 5000 }).toEqual(['app.started', ...Array(5).fill('cta_button.click')])
    // More clicks after the vendors gave up: still fine, and no new warning.
    await button.click()
    await expect.poll(() => names().length, { timeout: 5000 }).toBe(7)
    expect(warnings.filter((text) => text.includes('is off'))).toHaveLength(2)
    await page.close()
  }, 30_000)

  it('a vendor script that loads gets the events that waited for it, in order', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/page.html?mode=ok`)
    await page.getByRole('button').click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { __loaded?: string[] }).__loaded?.sort())).toEqual(['/vendor/gtag.js', '/vendor/gtm.js'])
    const layer = () =>
      page.evaluate(() =>
        ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((entry) => {
          if (entry && typeof entry === 'object' && 'callee' in entry) {
            const [command, name] = Array.from(entry as IArguments) as unknown[]
            return command === 'js' ? 'gtag:js' : `gtag:${String(command)}:${String(name)}`
          }
          return `layer:${String((entry as { event?: string }).event)}`
        }),
      )
    // Both sinks write to the one dataLayer, each when its own script has loaded: the order holds per sink.
    const of = (vendor: string) => async () => (await layer()).filter((entry) => entry.startsWith(vendor))
    await expect.poll(of('gtag:')).toEqual(['gtag:js', 'gtag:config:G-TEST', 'gtag:event:app_started', 'gtag:event:cta_button_click'])
    await expect.poll(of('layer:')).toEqual(['layer:gtm.js', 'layer:app.started', 'layer:cta_button.click'])
    await page.close()
  }, 30_000)

  it('consent gates the vendor scripts themselves: nothing loads or is pushed before "marketing" is granted; then the waiting events go, in order', async () => {
    const page = await browser.newPage()
    const vendorRequests: string[] = []
    page.on('request', (request) => request.url().includes('/vendor/') && vendorRequests.push(new URL(request.url()).pathname))
    const collected = server.requests.length
    await page.goto(`${server.url}/page.html?mode=ok&consent`)
    await page.getByRole('button', { name: /Clicked/ }).click()
    // The collector (analytics, granted) hears both events; the vendors nothing at all.
    const names = () => server.requests.slice(collected).filter((request) => request.path === '/collect').flatMap((request) => (request.body as { batch: { name: string }[] }).batch.map((event) => event.name))
    await expect.poll(names, { timeout: 5000 }).toEqual(['app.started', 'cta_button.click'])
    expect(vendorRequests).toEqual([])
    expect(await page.evaluate(() => ({ layer: (window as unknown as { dataLayer?: unknown[] }).dataLayer, gtag: typeof (window as unknown as { gtag?: unknown }).gtag, scripts: document.scripts.length }))).toEqual({
      layer: undefined,
      gtag: 'undefined',
      scripts: 1,
    })
    await page.getByRole('button', { name: 'Accept marketing' }).click()
    await expect.poll(() => vendorRequests.sort()).toEqual(['/vendor/gtag.js', '/vendor/gtm.js'])
    const events = () => page.evaluate(() => ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((entry) => (entry && typeof entry === 'object' && 'callee' in entry ? `gtag:${String((entry as IArguments)[1])}` : `layer:${String((entry as { event?: string }).event)}`)))
    await expect.poll(events).toEqual(expect.arrayContaining(['gtag:G-TEST', 'gtag:app_started', 'gtag:cta_button_click', 'layer:app.started', 'layer:cta_button.click']))
    await page.close()
  }, 30_000)
})
