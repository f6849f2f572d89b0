import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'
import { chromiumArgs, findChromium } from './findChromium'

export { findChromium }

export const chromiumPath = findChromium()

if (!chromiumPath) {
  const message = 'No Chromium found (set CHROMIUM_PATH or install Debian\'s chromium): browser tests are SKIPPED.'
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`)
  console.warn(`\n[trackplan tests] ${message}\n`)
}

/** `describe` for tests that need a real browser: skipped, loudly, where there is none. */
export const describeInBrowser = chromiumPath ? describe : describe.skip

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium')
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
  })
}
