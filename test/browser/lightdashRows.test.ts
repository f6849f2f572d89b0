// @vitest-environment node
// The Lightdash field-by-field comparison in real Chromium: the app clicked by a user, its messages
// received by a Segment-compatible collector over HTTP.
import { expect, it } from 'vitest'
import { fieldDifferences, lightdashMessages, urlPaths } from '../destinations/lightdashApp'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

describeInBrowser("Lightdash's rows in Chromium", () => {
  it("every field Lightdash's provider sends arrives as it sends it, the URL fields it nulls aside", async () => {
    const script = await bundlePage(new URL('./lightdashPage.tsx', import.meta.url), { production: true })
    const server = await servePage('/', '<!doctype html><title>explorer</title><body><div id="root"></div><script src="/page.js"></script>', script)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(server.url)
      await page.getByRole('button', { name: 'Run' }).click()
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('button', { name: 'Invite' }).click()
      await page.evaluate(() => window.lightdashTest.flush())
      const sent = server.requests.filter((request) => request.path === '/v1/batch').flatMap((request) => (request.body as { batch: Record<string, unknown>[] }).batch)
      expect(sent.map((message) => message.type)).toEqual(lightdashMessages.map((message) => message.type))
      expect(fieldDifferences(sent)).toEqual(lightdashMessages.map((message) => ({ missing: urlPaths(message.type), differing: [] })))
    } finally {
      await browser.close()
      await server.close()
    }
  }, 60_000)
})
