// @vitest-environment node
// trackplan/react-router in real Chromium: the react-router example app, as a development build
// under StrictMode and as a production build, clicked through by a user, its events received by a
// real collector over HTTP.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrackedEvent } from '../../src/core.ts'
import { bundlePage, servePage } from './bundlePage'
import { describeInBrowser, launchChromium } from './chromium'

describeInBrowser('trackplan/react-router in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })

  it.each(['development', 'production'] as const)('%s build: page views, clicks and error views as the user goes', async (build) => {
    const script = await bundlePage(new URL('./reactRouterPage.tsx', import.meta.url), build === 'production' ? { production: true } : { development: true })
    const html = '<!doctype html><title>todos</title><body><div id="root"></div><script src="/page.js"></script>'
    // Every path of the app is the app's page (a real server's fallback), so a reload lands anywhere.
    const server = await servePage('/', html, script, (request, response) => {
      if (request.method !== 'GET' || request.url === '/page.js') return false
      response.writeHead(200, { 'content-type': 'text/html' }).end(html)
      return true
    })
    const context = await browser.newContext()
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(`${server.url}/`)
      expect(await page.evaluate(() => window.routerTest.development)).toBe(build === 'development')
      await page.getByRole('heading', { name: 'Home' }).waitFor()
      await page.getByRole('button', { name: 'Help' }).click()
      await page.getByRole('link', { name: 'Todos' }).click()
      await page.getByRole('link', { name: 'Write tests' }).click()
      await page.getByRole('heading', { name: 'Write tests' }).waitFor()
      await page.getByRole('button', { name: 'Done' }).click()
      await page.getByRole('button', { name: 'Next' }).click()
      await page.getByRole('heading', { name: 'Ship it' }).waitFor()
      await page.getByRole('button', { name: 'Next' }).click()
      await page.getByRole('heading', { name: 'Not found' }).waitFor()
      await page.getByRole('link', { name: 'Protected' }).click()
      await page.getByRole('heading', { name: 'Log in' }).waitFor()
      await page.goBack()
      await page.getByRole('heading', { name: 'Not found' }).waitFor()
      await page.getByRole('link', { name: 'Broken' }).click()
      await page.getByRole('heading', { name: 'Something went wrong' }).waitFor()
      await page.getByRole('button', { name: 'Retry' }).click()
      await page.getByRole('link', { name: 'Todos' }).click()
      await page.getByRole('link', { name: 'Open only' }).click()
      await page.waitForURL(/filter=open$/)
      await page.getByRole('link', { name: 'Open, by name' }).click()
      await page.waitForURL(/sort=name$/)
      await page.evaluate(() => window.routerTest.flush())
      const events = server.requests.filter((request) => request.path === '/collect').flatMap((request) => (request.body as { batch: TrackedEvent[] }).batch)
      const seen = events.map((event) => {
        if (event.type !== 'page') return `${event.name} on ${event.context.page?.name}`
        const { path, status, search } = event.properties
        return `page ${event.name} ${String(path)}${status ? ` ${String(status)}` : ''}${search ? ` ${JSON.stringify(search)}` : ''}`
      })
      expect(seen).toEqual([
        'page home /',
        'help_button.clicked on home',
        'page todos /todos',
        'page todo /todos/1',
        'todo.completed on todo',
        'page todo /todos/2',
        'page not_found /todos/3 404',
        // The protected page's loader redirected: the login page is the view, the protected one never was.
        'page /login /login',
        'page not_found /todos/3 404',
        'page error /broken error',
        'retry_button.clicked on error',
        'page todos /todos',
        // The filter is a view of its own; a sort change alone is not.
        'page todos /todos {"filter":"open"}',
      ])
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length)
      expect(problems).toEqual([])
    } finally {
      await context.close()
      await server.close()
    }
  }, 60_000)
})
