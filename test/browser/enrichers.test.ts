// @vitest-environment node
// The built-in enrichers in real Chromium, where they keep what they read until the browser says it
// changed (Navigation API, resize, languagechange): every change still reaches the next event.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Collector } from '../http/collector'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

describeInBrowser('enrichers in Chromium', () => {
  let browser: Browser
  let server: Collector

  beforeAll(async () => {
    const script = await bundlePage(new URL('./enrichersPage.ts', import.meta.url), { production: true })
    server = await servePage('/start', '<!doctype html><title>Start</title><body><script src="/page.js"></script>', script)
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('each event carries the URL, title, screen and locale of its moment', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
    await page.goto(`${server.url}/start?invite=abc`)
    for (const change of ['nothing', 'pushState', 'title', 'replaceState']) await page.evaluate((name) => window.trackAfter(name), change)
    await page.setViewportSize({ width: 500, height: 400 })
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    await page.evaluate(() => window.trackAfter('resize'))
    const events = (await page.evaluate(() => window.tracked())) as { name: string; context: Record<string, unknown> }[]
    const origin = server.url
    expect(events.map((event) => [event.name, event.context.url])).toEqual([
      ['after.nothing', { href: `${origin}/start`, path: '/start', title: 'Start' }],
      ['after.pushState', { href: `${origin}/next`, path: '/next', title: 'Start' }],
      ['after.title', { href: `${origin}/next`, path: '/next', title: 'Renamed' }],
      ['after.replaceState', { href: `${origin}/third`, path: '/third', title: 'Renamed' }],
      ['after.resize', { href: `${origin}/third`, path: '/third', title: 'Renamed' }],
    ])
    const screens = events.map((event) => event.context.screen as { width: number; height: number })
    const viewport = await page.evaluate(() => ({ width: screen.width, height: screen.height, language: navigator.language }))
    expect(screens.at(-1)).toMatchObject({ width: viewport.width, height: viewport.height })
    for (const event of events) expect(event.context).toMatchObject({ app: { version: '2.0.0' }, locale: viewport.language })
    await page.close()
  }, 30_000)
})
