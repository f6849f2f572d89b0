// @vitest-environment node
// Delivery in real Chromium, counted at a real collector: navigation, outage, offline, reload, 400, two tabs,
// a redirecting address, a sink replaced in the page.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import type { Collector } from '../http/collector'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

interface TestWindow {
  trackplanTest: {
    trackMany(count: number, label: string): string[]
    notices: { type: string; reason?: string }[]
    flush(): Promise<void>
    pending(): number
    replace(): Promise<void>
  }
}

const results: { scenario: string; tracked: number; received: number; duplicates: number }[] = []

describeInBrowser('delivery in Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let collector: Collector
  let script = ''

  beforeAll(async () => {
    script = await bundlePage(new URL('./deliveryPage.ts', import.meta.url))
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    if (results.length > 0) {
      console.log('\nDelivery scenarios (unique event ids counted at the collector)')
      console.table(results)
    }
  })

  beforeEach(async () => {
    collector = await servePage('/page.html', '<!doctype html><title>app</title><script src="/page.js"></script>', script, (request, response) => {
      if (new URL(request.url ?? '/', 'http://x').pathname !== '/other.html') return false
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title><p>another site page</p>')
      return true
    })
    context = await browser.newContext()
  })

  afterEach(async () => {
    await context?.close()
    await collector?.close()
  })

  const open = async (): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(`${collector.url}/page.html`)
    return page
  }
  const trackMany = (page: Page, count: number, label: string) =>
    page.evaluate(([n, l]) => (window as unknown as TestWindow).trackplanTest.trackMany(n, l), [count, label] as const)
  const record = (scenario: string, tracked: string[]) => {
    const delivered = collector.deliveredIds()
    const received = new Set(delivered)
    results.push({ scenario, tracked: tracked.length, received: tracked.filter((id) => received.has(id)).length, duplicates: delivered.length - received.size })
  }
  const arrived = (ids: string[]) => () => {
    const received = new Set(collector.deliveredIds())
    return ids.filter((id) => received.has(id)).length
  }

  it('1. 50 events tracked, then an immediate navigation to another page: all 50 arrive', async () => {
    const page = await open()
    const ids = await page.evaluate(() => {
      const tracked = (window as unknown as TestWindow).trackplanTest.trackMany(50, 'navigation')
      location.href = '/other.html'
      return tracked
    })
    await page.waitForURL('**/other.html')
    await expect.poll(arrived(ids), { timeout: 10_000 }).toBe(50)
    record('navigate away', ids)
  }, 30_000)

  it('2. the collector answers 503 for 5 s, then recovers: all arrive', async () => {
    const until = Date.now() + 5000
    collector.answer(() => (Date.now() < until ? 503 : 200))
    const page = await open()
    const ids = await trackMany(page, 30, 'outage')
    await expect.poll(arrived(ids), { timeout: 40_000, interval: 250 }).toBe(30)
    expect(collector.requests.some((request) => request.answer === 503)).toBe(true)
    record('503 for 5 s', ids)
  }, 60_000)

  it('3. the browser goes offline for a while: nothing is attempted, and all arrive once it is back', async () => {
    const page = await open()
    await context.setOffline(true)
    const ids = await trackMany(page, 25, 'offline')
    await page.waitForTimeout(3000)
    await context.setOffline(false)
    await expect.poll(arrived(ids), { timeout: 10_000 }).toBe(25)
    const retried = await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.notices.filter((notice) => notice.type === 'retried').length)
    expect(retried).toBe(0)
    record('offline 3 s', ids)
  }, 30_000)

  it('4. the collector is down and the page reloads: all arrive after the reload', async () => {
    collector.answer('drop')
    const page = await open()
    const ids = await trackMany(page, 20, 'reload')
    await page.waitForTimeout(2500)
    expect(arrived(ids)()).toBe(0)
    collector.answer(200)
    await page.reload()
    await expect.poll(arrived(ids), { timeout: 15_000 }).toBe(20)
    record('collector down, reload', ids)
  }, 30_000)

  it('5. the collector answers 400: dropped and reported, with no retry storm', async () => {
    collector.answer(400)
    const page = await open()
    const ids = await trackMany(page, 10, 'rejected')
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())
    await page.waitForTimeout(1500)
    const dropped = await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.notices.filter((notice) => notice.type === 'dropped'))
    expect(dropped).toHaveLength(10)
    expect(dropped[0]).toEqual({ type: 'dropped', reason: 'HTTP 400' })
    expect(collector.requests.filter((request) => request.path === '/collect')).toHaveLength(1)
    results.push({ scenario: '400 (1 request, 10 dropped)', tracked: ids.length, received: 0, duplicates: 0 })
  }, 30_000)

  it('6. two tabs of the same app never send each other\'s events', async () => {
    collector.answer('drop')
    const first = await open()
    const firstIds = await trackMany(first, 15, 'tab one')
    await first.waitForTimeout(500)
    const second = await open()
    const secondIds = await trackMany(second, 15, 'tab two')
    collector.answer(200)
    await Promise.all([first, second].map((page) => page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())))
    await expect.poll(arrived([...firstIds, ...secondIds]), { timeout: 15_000 }).toBe(30)
    await first.waitForTimeout(500)
    const delivered = collector.deliveredIds()
    expect(delivered.length).toBe(new Set(delivered).size)
    record('two tabs', [...firstIds, ...secondIds])
  }, 30_000)

  it('7. a collector address that redirects (302 to a page a GET would get): nothing counts as sent; all arrive once it is fixed', async () => {
    collector.answer((request) => (request.path === '/other.html' ? 200 : { status: 302, location: '/other.html' }))
    const page = await open()
    const errors: string[] = []
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    const ids = await trackMany(page, 10, 'redirect')
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())
    const sent = () => page.evaluate(() => (window as unknown as TestWindow).trackplanTest.notices.filter((notice) => notice.type === 'sent').length)
    expect(await sent()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.pending())).toBe(10)
    expect(errors.filter((line) => line.includes('url redirects'))).toHaveLength(1)
    collector.answer(200)
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())
    await expect.poll(arrived(ids), { timeout: 15_000 }).toBe(10)
    expect(await sent()).toBe(10)
    record('302 in front of the collector, then fixed', ids)
  }, 30_000)

  it('8. a sink replaced in the page while its batch is on the wire: the new one sends it, the late answer puts nothing back, and a reload sends nothing twice', async () => {
    collector.answer({ status: 503, delayMs: 1500 })
    const page = await open()
    const ids = await trackMany(page, 5, 'replaced')
    await page.evaluate(() => void (window as unknown as TestWindow).trackplanTest.flush())
    await expect.poll(() => collector.requests.filter((request) => request.path === '/collect').length, { timeout: 5_000 }).toBe(1)
    collector.answer(200)
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.replace())
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())
    await expect.poll(arrived(ids), { timeout: 10_000 }).toBe(5)
    const storedQueues = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('trackplan:queue:')))
    await expect.poll(storedQueues, { timeout: 5_000 }).toEqual([])
    // The first sink's 503 arrives after 1.5 s; storage writes that follow answers come within a second.
    await page.waitForTimeout(3_000)
    expect(await storedQueues()).toEqual([])
    await page.reload()
    await page.evaluate(() => (window as unknown as TestWindow).trackplanTest.flush())
    await page.waitForTimeout(1_000)
    expect(collector.deliveredIds()).toHaveLength(5)
    record('sink replaced with a batch on the wire, then reload', ids)
  }, 30_000)
})
