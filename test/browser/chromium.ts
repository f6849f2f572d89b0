import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { describe } from 'vitest'

/** Debian's chromium from CHROMIUM_PATH or PATH; never a downloaded browser. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim()
      if (path) return path
    } catch {
      // not on PATH under this name
    }
  }
  return undefined
}

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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
