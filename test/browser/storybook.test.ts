// @vitest-environment node
// The stories, built by Storybook and opened in real Chromium: a click shows its event under the story.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from './chromium'
import { serveStatic } from './serveStatic'

describeInBrowser('Storybook in Chromium', () => {
  let browser: Browser
  let server: Awaited<ReturnType<typeof serveStatic>>
  const outDir = mkdtempSync(join(tmpdir(), 'trackplan-storybook-'))

  beforeAll(async () => {
    execFileSync('npx', ['storybook', 'build', '--quiet', '--disable-telemetry', '-o', outDir], { stdio: 'pipe' })
    server = await serveStatic(outDir)
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    rmSync(outDir, { recursive: true, force: true })
  })

  it('the Tracking panel lists the story\'s events newest first, and clears when the story changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${server.url}/?path=/story/tracking-trackpage--modal`)
    await page.getByRole('tab', { name: /Tracking/ }).click()
    const rows = page.getByRole('table', { name: 'Tracked events' }).locator('tbody tr')
    const texts = () => rows.evaluateAll((all) => all.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join(' | ')))
    await expect.poll(texts, { timeout: 15_000 }).toEqual(['organization_settings | page | modal organization_settings |  |  | valid'])

    await page.frameLocator('#storybook-preview-iframe').getByRole('button', { name: 'Run query' }).click()
    await expect.poll(texts).toEqual([
      'run_query_button.click | track | modal organization_settings |  |  | valid',
      'organization_settings | page | modal organization_settings |  |  | valid',
    ])
    if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: fileURLToPath(new URL('../../docs/storybook-panel.png', import.meta.url)) })

    await page.goto(`${server.url}/?path=/story/tracking-tracked-button--run-query`)
    await page.getByRole('tab', { name: /Tracking/ }).click()
    await expect.poll(() => page.getByText('No events tracked by this story yet.').count(), { timeout: 15_000 }).toBe(1)

    // A story with parameters.tracking and a play function: its events show up as the play runs.
    await page.goto(`${server.url}/?path=/story/demo-tracked-components--organization-settings`)
    await page.getByRole('tab', { name: /Tracking/ }).click()
    await expect.poll(texts, { timeout: 15_000 }).toEqual([
      'organization_settings.saved | track | modal organization_settings |  | {"seats":5} | valid',
      'organization_settings | page | modal organization_settings |  |  | valid',
    ])
    await page.close()
  }, 60_000)
})
