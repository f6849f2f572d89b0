// `npm run bench`: the same candidates in Node (jsdom, the built package unbundled) and in real
// Chromium (production bundles, every candidate in one page), each against a real collector on
// 127.0.0.1, every candidate sampled once per round, in turn.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumArgs, findChromium } from '../test/browser/findChromium'
import { startBenchServer } from './server'
import { report } from './suite'

const out = '.trackplan'
writeFileSync(join(out, 'bench.html'), '<!doctype html><html><body><script src="/bench-browser.js"></script></body></html>')
const server = await startBenchServer({
  '/': { path: join(out, 'bench.html'), type: 'text/html' },
  '/bench-browser.js': { path: join(out, 'bench-browser.js'), type: 'text/javascript' },
})
const vendor = await startBenchServer()
const distant = await startBenchServer({}, 50)

/** One of the bench's Node programs, in its own process, with the collectors' addresses. */
const runNode = (program: string, flags: string[] = []): Promise<number | null> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, join(out, program)], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', BENCH_COLLECTOR: server.origin, BENCH_SLOW_COLLECTOR: distant.origin, BENCH_OUT: join(out, 'bench-node.json') },
    })
    child.on('exit', resolve)
  })

try {
  const code = await runNode('bench-node.mjs', ['--expose-gc', '--import', `./${out}/bench-jsdom.mjs`])
  if (code !== 0) throw new Error(`the Node benchmark exited with ${code}`)
  const serverCode = await runNode('bench-server.mjs')
  if (serverCode !== 0) throw new Error(`the server benchmark exited with ${serverCode}`)
  const collectorCode = await runNode('bench-collector.mjs')
  if (collectorCode !== 0) throw new Error(`the collector benchmark exited with ${collectorCode}`)
  const warehouseCode = await runNode('bench-warehouse.mjs')
  if (warehouseCode !== 0) throw new Error(`the store benchmark exited with ${warehouseCode}`)

  const executablePath = findChromium()
  if (!executablePath) {
    console.log('\nChromium: not found (install Debian\'s chromium, or set CHROMIUM_PATH): not measured')
  } else {
    const profile = mkdtempSync(join(tmpdir(), 'trackplan-bench-'))
    const browser = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: chromiumArgs })
    try {
      const page = browser.pages()[0] ?? (await browser.newPage())
      await page.goto(`${server.origin}/?vendor=${encodeURIComponent(vendor.origin)}`)
      await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 15 * 60_000, polling: 1000 })
      const result = await page.evaluate(() => window.benchResult!)
      if ('error' in result) throw new Error(`the Chromium benchmark failed: ${result.error}`)
      writeFileSync(join(out, 'bench-chromium.json'), JSON.stringify(result.samples))
      const version = browser.browser()?.version() ?? ''
      const clock = result.isolated ? 'cross-origin isolated (timer steps of 5 µs)' : 'NOT cross-origin isolated (timer steps of 100 µs)'
      console.log(report(`Chromium ${version}, production bundles, every candidate in one page, ${clock}`, result.samples, { segmentTarget: true }))
    } finally {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
  const requests = (received: Map<string, number>): string => [...received].map(([path, count]) => `${path} ${count}`).join(', ') || 'none'
  console.log(
    `\nRequests the collectors received: trackplan's (and the Node side's) ${requests(server.received)}; ` +
      `the vendors' in Chromium ${requests(vendor.received)}; the server benchmark's ${requests(distant.received)}`,
  )
} finally {
  server.close()
  vendor.close()
  distant.close()
}
