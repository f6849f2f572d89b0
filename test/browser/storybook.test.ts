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
import { canvas, openTrackingPanel, panelRows } from './storybookPanel'

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
    const texts = () => panelRows(page)
    await openTrackingPanel(page, server.url, 'tracking-trackpage--modal')
    await expect.poll(texts, { timeout: 15_000 }).toEqual(['organization_settings | page | modal organization_settings |  |  | valid'])

    await canvas(page).getByRole('button', { name: 'Run query' }).click()
    await expect.poll(texts).toEqual([
      'run_query_button.click | track | modal organization_settings |  |  | valid',
      'organization_settings | page | modal organization_settings |  |  | valid',
    ])
    if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: fileURLToPath(new URL('../../docs/storybook-panel.png', import.meta.url)) })

    await openTrackingPanel(page, server.url, 'tracking-tracked-button--run-query')
    await expect.poll(() => page.getByText('No events tracked by this story yet.').count(), { timeout: 15_000 }).toBe(1)

    // A story with parameters.tracking and a play function: its events show up as the play runs.
    await openTrackingPanel(page, server.url, 'demo-tracked-components--organization-settings')
    await expect.poll(texts, { timeout: 15_000 }).toEqual([
      'organization_settings.saved | track | modal organization_settings |  | {"seats":5} | valid',
      'organization_settings | page | modal organization_settings |  |  | valid',
    ])
    await page.close()
  }, 60_000)
})
