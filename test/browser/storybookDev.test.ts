// @vitest-environment node
// `storybook dev`, as `npm run storybook` starts it, opened in real Chromium: the stories render and
// the Tracking panel shows a click's event with its page, section and properties. (The static build
// is tested in storybook.test.ts; dev serves the addon unbundled, which is where a Node import broke it.)
import { spawn, type ChildProcess } from 'node:child_process'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from './chromium'
import { freePort } from '../freePort.ts'
import { canvas, openTrackingPanel, panelRows } from './storybookPanel'

describeInBrowser('storybook dev in Chromium', () => {
  let browser: Browser
  let storybook: ChildProcess
  let url: string
  let output = ''

  beforeAll(async () => {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    storybook = spawn('node_modules/.bin/storybook', ['dev', '--port', String(port), '--host', '127.0.0.1', '--exact-port', '--ci', '--no-open', '--disable-telemetry'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    storybook.stdout!.on('data', (chunk: Buffer) => (output += chunk))
    storybook.stderr!.on('data', (chunk: Buffer) => (output += chunk))
    const started = Date.now()
    for (;;) {
      if (storybook.exitCode !== null) throw new Error(`storybook dev exited with ${storybook.exitCode}:\n${output}`)
      const ready = await fetch(`${url}/index.json`).then((response) => response.ok, () => false)
      if (ready) break
      if (Date.now() - started > 90_000) throw new Error(`storybook dev did not start in 90 s:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    // The whole group: the CLI and the Vite server it started.
    if (storybook?.pid && storybook.exitCode === null) process.kill(-storybook.pid, 'SIGTERM')
  })

  it('renders a story, and a click shows its event with page, section and properties in the Tracking panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await openTrackingPanel(page, url, 'demo-tracked-components--explorer-page')
    // Dev compiles the story on first request: more time than the static build needs.
    await expect.poll(() => panelRows(page), { timeout: 60_000 }).toEqual(['explorer | page | page explorer |  |  | valid'])

    await canvas(page).getByRole('button', { name: 'Run query' }).click()
    await expect.poll(() => panelRows(page)).toEqual([
      expect.stringMatching(/^query\.run \| track \| page explorer \| sidebar \| \{"rows":\d+,"cached":false\} \| valid$/),
      'run_query_button.click | track | page explorer | sidebar |  | valid',
      'explorer | page | page explorer |  |  | valid',
    ])
    // The tab counts the story's events, as the Actions tab counts actions.
    await expect.poll(() => page.getByRole('tab', { name: /Tracking/ }).textContent()).toBe('Tracking3')
    expect(errors).toEqual([])
    await page.close()
  }, 90_000)

  it("a play function's expectTracking is a passing step of the Interactions panel", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await openTrackingPanel(page, url, 'demo-tracked-components--organization-settings')
    await expect.poll(() => panelRows(page), { timeout: 60_000 }).toHaveLength(2)
    await page.getByRole('tab', { name: /Interactions/ }).click()
    const step = page.getByText(/toHaveTrackedInOrder/)
    await expect.poll(() => step.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Pass', { exact: false }).count()).toBeGreaterThan(0)
    await page.close()
  }, 90_000)
})
