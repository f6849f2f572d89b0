// @vitest-environment node
// Impressions in real Chromium: scroll a long list; exactly the cards that stayed on screen long enough are reported.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Collector } from '../http/collector'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

describeInBrowser('impressions in Chromium', () => {
  let browser: Browser
  let server: Collector

  beforeAll(async () => {
    const script = await bundlePage(new URL('./impressionsPage.tsx', import.meta.url), { production: true })
    server = await servePage('/', '<!doctype html><body style="margin:0"><div id="root"></div><script src="/page.js"></script>', script)
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const halfVisible = (page: Page) => page.evaluate(() => (window as unknown as { halfVisible(): number[] }).halfVisible())
  const reported = (page: Page) => page.evaluate(() => (window as unknown as { reported(): number[] }).reported())

  it('reports the cards that stayed in view for the dwell time, once each, and none scrolled past', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 600 } })
    await page.goto(server.url)
    await page.locator('li').first().waitFor()
    const expected = new Set<number>()

    const stay = async (y: number) => {
      await page.evaluate((top) => window.scrollTo(0, top), y)
      await page.waitForTimeout(100)
      const before = await halfVisible(page)
      await page.waitForTimeout(1100)
      const after = await halfVisible(page)
      for (const id of before) if (after.includes(id)) expected.add(id)
    }
    const rush = async (from: number, to: number) => {
      for (let y = from; y <= to; y += 300) {
        await page.evaluate((top) => window.scrollTo(0, top), y)
        await page.waitForTimeout(30)
      }
    }

    await stay(0)
    await rush(300, 9000)
    await stay(9500)
    await rush(9600, 14000)
    await stay(14100)
    await stay(14100)

    const ids = await reported(page)
    expect(expected.size).toBeGreaterThanOrEqual(6)
    expect([...ids].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b))
    expect(ids.length).toBe(new Set(ids).size)
    await page.close()
  }, 60_000)
})
