// @vitest-environment node
// The stories, built by Storybook and opened in real Chromium: a click shows its event under the story.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

  it('the modal TrackPage story sends its page event and lists a click with the modal as context', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/iframe.html?id=tracking-trackpage--modal&viewMode=story`)
    const log = page.getByRole('region', { name: 'Tracked events' })
    await expect.poll(() => log.getByRole('listitem').allTextContents()).toEqual([
      'page organization_settings · modal organization_settings',
    ])
    await page.getByRole('button', { name: 'Run query' }).click()
    await expect.poll(() => log.getByRole('listitem').first().textContent()).toBe(
      'track run_query_button.click · modal organization_settings',
    )
    await page.close()
  }, 30_000)
})
