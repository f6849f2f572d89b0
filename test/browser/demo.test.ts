// @vitest-environment node
// The demo app (`npm start`) in real Chromium: click through it, then find the events both in the
// devtools panel and at the dev collector (trackplan/vite), with their page and section context.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from './chromium'

interface Received {
  name: string
  type: string
  context: { page?: { name: string; type: string; category?: string }; section?: { path: string[] } }
  properties: Record<string, unknown>
}

describeInBrowser('the demo in Chromium', () => {
  let browser: Browser
  let server: ViteDevServer
  let url: string
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-demo-'))
  const eventsFile = join(dir, 'events.jsonl')

  beforeAll(async () => {
    process.env.TRACKPLAN_EVENTS_FILE = eventsFile
    server = await createServer({
      configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
      server: { port: 0, host: '127.0.0.1' },
      logLevel: 'silent',
    })
    await server.listen()
    url = server.resolvedUrls!.local[0]!
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    delete process.env.TRACKPLAN_EVENTS_FILE
    await browser?.close()
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('tracks pages, the modal, sections and clicks, and shows them in the panel and at the collector', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    await page.getByRole('button', { name: 'Organization settings' }).click()
    await page.getByRole('dialog', { name: 'Organization settings' }).getByRole('button', { name: 'Save' }).click()
    await page.getByRole('link', { name: 'Explorer' }).click()
    await page.getByRole('heading', { name: 'Explorer' }).waitFor()
    await page.getByRole('button', { name: 'Run query' }).click()
    await page.getByRole('button', { name: 'Create project' }).click()

    const expected = [
      'welcome',
      'settings_button.click',
      'organization_settings',
      'organization_settings.saved',
      'explorer',
      'run_query_button.click',
      'query.run',
      'create_project_button.click',
    ]

    // The collector (the dev server itself) receives every event once.
    const received = async () => ((await (await fetch(`${url}__trackplan/collect`)).json()) as { events: Received[]; duplicates: number })
    await expect.poll(async () => (await received()).events.map((event) => event.name), { timeout: 10_000 }).toEqual(expected)
    const { events, duplicates } = await received()
    expect(duplicates).toBe(0)
    const byName = Object.fromEntries(events.map((event) => [event.name, event]))
    expect(byName['organization_settings']!.context.page).toEqual({ name: 'organization_settings', type: 'modal', category: 'settings' })
    expect(byName['organization_settings.saved']!).toMatchObject({ properties: { seats: 5 }, context: { page: { name: 'organization_settings' } } })
    expect(byName['run_query_button.click']!.context).toMatchObject({ app: { name: 'trackplan-demo', version: '0.1.0' }, page: { name: 'explorer' }, section: { path: ['sidebar'] } })
    expect(byName['create_project_button.click']!.context).toMatchObject({ page: { name: 'explorer' }, section: { path: ['page_footer'] } })
    expect(byName['explorer']!.properties).toEqual({ route: '/explorer', path: '/explorer' })
    expect(byName['explorer']!.context).toMatchObject({ locale: expect.any(String), url: { path: '/explorer', href: `${url}explorer` } })

    // The JSONL file has them too.
    const lines = () => {
      try {
        return readFileSync(eventsFile, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as Received).name)
      } catch {
        return []
      }
    }
    await expect.poll(lines).toEqual(expected)

    // The devtools panel lists them, newest first, each delivered by the http sink.
    await page.getByRole('button', { name: 'Tracking devtools' }).click()
    const panel = page.getByRole('region', { name: 'Tracking events' })
    await expect.poll(() => panel.locator('li[data-event-name]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event-name')))).toEqual([...expected].reverse())
    await expect.poll(() => panel.getByText('http: sent').count()).toBe(expected.length)
    await panel.getByRole('textbox', { name: 'Filter by name' }).fill('query')
    expect(await panel.locator('li[data-event-name]').count()).toBe(2)
    await panel.getByRole('textbox', { name: 'Filter by name' }).fill('')

    const screenshot = process.env.UPDATE_SCREENSHOTS ? fileURLToPath(new URL('../../docs/demo.png', import.meta.url)) : join(dir, 'demo.png')
    await page.screenshot({ path: screenshot })
    await page.close()
  }, 60_000)
})
