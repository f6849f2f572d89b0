// @vitest-environment node
// End to end: a page in real Chromium with httpSink → trackplan/collector over real HTTP on
// 127.0.0.1 (another origin: CORS, the access key) → JSONL. Reloads in the middle of requests and a
// page closed after its request arrived make the page send batches again: each event is stored once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { createCollector, jsonlFile, memoryDedupe, serveCollector, type CollectorServer, type Dedupe } from '../../src/collector.ts'
import { definePlan, type TrackedEvent } from '../../src/core.ts'
import type { Collector as PageServer } from '../http/collector'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

interface TestWindow {
  trackplanTest: { trackMany(count: number, rows: 'number' | 'string'): string[]; pending(): number }
}

const rows = { '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => (typeof (value as { rows?: unknown })?.rows === 'number' ? { value } : { issues: [{ message: 'expected a number', path: ['rows'] }] }) } }
const plan = definePlan({ events: { 'query.run': { description: 'A query finished', properties: rows } } })

describeInBrowser('trackplan/collector behind a page in Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let pages: PageServer
  let server: CollectorServer
  let directory: string
  let script = ''
  /** Ids whose batch reached the collector's duplicate check (the request arrived). */
  const arrived: string[] = []
  /** While set, requests wait at the duplicate check until it settles: the test decides when they are answered. */
  let held: Promise<void> | undefined

  beforeAll(async () => {
    script = await bundlePage(new URL('./collectorPage.ts', import.meta.url))
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'trackplan-e2e-'))
    arrived.length = 0
    held = undefined
    pages = await servePage('/page.html', '<!doctype html><title>app</title><script src="/page.js"></script>', script)
    // Each request waits 300 ms at the duplicate check, as if Redis were far: long enough to reload or close the page meanwhile.
    const remembered = memoryDedupe()
    const slow: Dedupe = {
      async claim(ids) {
        arrived.push(...ids)
        await (held ?? new Promise((resolve) => setTimeout(resolve, 300)))
        return remembered.claim(ids)
      },
      release: (ids) => remembered.release(ids),
    }
    const collector = createCollector({ plan, accessKey: 'pk_page', store: jsonlFile(join(directory, 'events.jsonl')), quarantine: jsonlFile(join(directory, 'invalid.jsonl')), dedupe: slow })
    server = await serveCollector(collector, { port: 0, origin: pages.url })
    context = await browser.newContext()
  })
  afterEach(async () => {
    await context?.close()
    await server?.close()
    await pages?.close()
    rmSync(directory, { recursive: true, force: true })
  })

  const lines = (file: string): Record<string, unknown>[] => {
    try {
      return readFileSync(join(directory, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
    } catch {
      return []
    }
  }
  const storedIds = (): string[] => lines('events.jsonl').map((event) => event.id as string)
  const open = async (): Promise<Page> => {
    const page = await context.newPage()
    await page.goto(`${pages.url}/page.html?collect=${encodeURIComponent(server.url)}`)
    return page
  }
  const trackMany = (page: Page, count: number, kind: 'number' | 'string'): Promise<string[]> =>
    page.evaluate(([n, k]) => (window as unknown as TestWindow).trackplanTest.trackMany(n, k), [count, kind] as const)

  it('reloads in the middle of requests: every event stored exactly once; those that break the plan quarantined with their reasons', async () => {
    const page = await open()
    const tracked: string[] = []
    for (let round = 0; round < 3; round++) {
      tracked.push(...(await trackMany(page, 20, 'number')))
      // The batch reached the collector, which is still checking it: reload now.
      await expect.poll(() => tracked.every((id) => arrived.includes(id)), { timeout: 5000 }).toBe(true)
      await page.reload()
    }
    const invalid = await trackMany(page, 5, 'string')
    await expect.poll(() => tracked.every((id) => storedIds().includes(id)), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => lines('invalid.jsonl').length, { timeout: 10_000 }).toBe(5)
    await page.waitForTimeout(500)
    const ids = storedIds()
    expect({ stored: ids.length, distinct: new Set(ids).size, missing: tracked.filter((id) => !ids.includes(id)).length }).toEqual({ stored: 60, distinct: 60, missing: 0 })
    // The reloads did make the pages send events again: the collector saw them twice and kept them once.
    expect(arrived.length - new Set(arrived).size).toBeGreaterThan(0)
    expect(lines('invalid.jsonl').map((record) => [(record.event as TrackedEvent).id, record.reasons])).toEqual(invalid.map((id) => [id, ['properties.rows: expected a number']]))
  }, 60_000)

  it('a page closed after its request arrived: the next page sends the batch again, and it is stored once', async () => {
    const page = await open()
    // The batch is answered only once the next page is open. Answered earlier, it could still reach the
    // page being closed (its renderer can outlive page.close() for a moment): that page then rightly
    // removes what was acknowledged from storage, and nothing is sent again (1 run in 5 or so, before).
    let letGo = (): void => {}
    held = new Promise((resolve) => (letGo = resolve))
    const tracked = await trackMany(page, 25, 'number')
    await expect.poll(() => tracked.every((id) => arrived.includes(id)), { timeout: 5000 }).toBe(true)
    await page.close()
    const next = await open()
    held = undefined
    letGo()
    await expect.poll(() => tracked.every((id) => storedIds().includes(id)), { timeout: 15_000 }).toBe(true)
    await expect.poll(() => next.evaluate(() => (window as unknown as TestWindow).trackplanTest.pending()), { timeout: 10_000 }).toBe(0)
    const ids = storedIds()
    expect({ stored: ids.length, distinct: new Set(ids).size }).toEqual({ stored: 25, distinct: 25 })
    // The batch on the wire when the page closed did arrive twice: from the closed page, then from the next, with the same ids.
    expect(arrived.length - new Set(arrived).size).toBeGreaterThan(0)
  }, 60_000)
})
