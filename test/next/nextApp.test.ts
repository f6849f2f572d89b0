// @vitest-environment node
// A Next.js App Router app (test/next/app) on the packed package: `next build`, then `next start` on
// 127.0.0.1 with telemetry off, driven in real Chromium through client navigations, clicks and a
// Server Action that tracks with the request's user. Browser and server events reach the app's own
// collector route handler, which stores them in a JSONL file.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrackedEvent } from '../../src/core.ts'
import { describeInBrowser, launchChromium } from '../browser/chromium'
import { freePort } from '../freePort.ts'

const root = resolve(import.meta.dirname, '../..')
// Inside the repository, so that the app finds next and react in its node_modules, as a workspace would.
const app = join(root, '.trackplan', `next-app-${process.pid}`)
const eventsFile = join(app, 'events.jsonl')
const next = join(root, 'node_modules', '.bin', 'next')
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', TRACKPLAN_EVENTS_FILE: eventsFile }

let server: ChildProcess | undefined
let url = ''
let browser: Browser
let buildOutput = ''

describeInBrowser('a Next.js App Router app', () => {
  beforeAll(async () => {
    rmSync(app, { recursive: true, force: true })
    cpSync(join(root, 'test', 'next', 'app'), app, { recursive: true })
    const modules = join(app, 'node_modules', 'trackplan')
    mkdirSync(modules, { recursive: true })
    const output = execFileSync('npm', ['pack', '--json', '--pack-destination', app, '--ignore-scripts=false'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const [{ filename }] = JSON.parse(output.slice(output.lastIndexOf('[\n  {'))) as [{ filename: string }]
    execFileSync('tar', ['-xzf', join(app, filename), '-C', modules, '--strip-components=1'])
    buildOutput = execFileSync(next, ['build'], { cwd: app, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const port = await freePort()
    server = spawn(next, ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: app, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] })
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error('next start did not start')), 30_000)
      server!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready')) {
          clearTimeout(timer)
          ready()
        }
      })
    })
    url = `http://127.0.0.1:${port}`
    browser = await launchChromium()
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    server?.kill('SIGTERM')
    rmSync(app, { recursive: true, force: true })
  })

  it('next build: no trackplan message, and a server tracker made at import leaves no file behind', () => {
    expect(buildOutput).not.toContain('[trackplan]')
    expect(existsSync(join(app, '.trackplan'))).toBe(false)
  })

  it('client navigations, clicks, a Server Action and a notFound() view: each event once, with its page', async () => {
    const context = await browser.newContext()
    await context.addCookies([{ name: 'user', value: 'user-42', url }])
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(url)
      await page.getByRole('heading', { name: 'Home' }).waitFor()
      await page.getByRole('button', { name: 'Help' }).click()
      await page.getByRole('link', { name: 'First todo' }).click()
      await page.getByRole('heading', { name: 'Buy milk' }).waitFor()
      // The click, then the Server Action, then a client navigation to the next todo.
      await page.getByRole('button', { name: 'Done' }).click()
      await page.getByRole('heading', { name: 'Write tests' }).waitFor()
      await page.getByRole('link', { name: 'Missing todo' }).click()
      await page.getByRole('heading', { name: 'Not found' }).waitFor()
      await page.evaluate(() => window.nextTest!.flush())
      await expect.poll(() => stored().length, { timeout: 10_000 }).toBe(7)
      const events = stored()
      const seen = events.map((event) => {
        const where = event.context.page?.name ?? event.context.source
        return event.type === 'page' ? `page ${event.name} ${String((event.context.url as { path?: string } | undefined)?.path)}` : `${event.name} on ${String(where)}${event.userId ? ` by ${event.userId}` : ''}`
      })
      expect(seen.filter((line) => !line.startsWith('todo.saved'))).toEqual([
        'page home /',
        'help_button.clicked on home',
        'page todo /todos/0',
        'todo.completed on todo',
        'page todo /todos/1',
        'page not_found /todos/7',
      ])
      // The Server Action's event: the request's user from its cookie, in the action's scope.
      expect(seen.filter((line) => line.startsWith('todo.saved'))).toEqual(['todo.saved on server action by user-42'])
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)
})

const stored = (): TrackedEvent[] =>
  existsSync(eventsFile)
    ? readFileSync(eventsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as TrackedEvent)
    : []
