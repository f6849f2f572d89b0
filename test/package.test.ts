// @vitest-environment node
// `npm pack`, installed into a fresh React 19 + TypeScript app: types check, every export resolves,
// and importing it in plain Node and server rendering touch no browser global.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { satisfies } from 'semver'
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest'
import { listeningUrl } from './collector/collectProcess.ts'

const root = resolve(import.meta.dirname, '..')
const app = mkdtempSync(join(tmpdir(), 'trackplan-app-'))
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
let files: string[] = []
let tarball = ''

beforeAll(() => {
  // --ignore-scripts=false: prepack must build the tarball even where scripts are off by default.
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', app, '--ignore-scripts=false'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The prepack build prints to stdout too; the JSON report comes last.
  const packed = JSON.parse(output.slice(output.lastIndexOf('[\n  {'))) as [{ filename: string; files: { path: string }[] }]
  files = packed[0].files.map((file) => file.path)
  tarball = join(app, packed[0].filename)
  const modules = join(app, 'node_modules')
  mkdirSync(join(modules, 'trackplan'), { recursive: true })
  mkdirSync(join(modules, '@types'), { recursive: true })
  execFileSync('tar', ['-xzf', join(app, packed[0].filename), '-C', join(modules, 'trackplan'), '--strip-components=1'])
  mkdirSync(join(modules, '@tanstack'), { recursive: true })
  for (const name of ['react', 'react-dom', '@types/react', '@types/react-dom', '@tanstack/react-router', 'react-router', 'next', 'vite', 'storybook', 'vitest', '@testing-library/react', '@testing-library/dom', '@testing-library/user-event', '@vitejs/plugin-react', '@storybook/react-vite', 'jsdom', 'zod', 'express', ...['node', 'express', 'express-serve-static-core', 'serve-static', 'body-parser', 'connect', 'send', 'qs', 'range-parser', 'http-errors'].map((name) => `@types/${name}`)]) {
    mkdirSync(join(modules, name, '..'), { recursive: true })
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir')
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', type: 'module', private: true }))
}, 120_000)

afterAll(() => rmSync(app, { recursive: true, force: true }))

it("built for production: no file uses React's development JSX runtime, and each React entry says 'use client'", () => {
  const built = files.filter((file) => file.endsWith('.js')).map((file) => [file, readFileSync(join(app, 'node_modules', 'trackplan', file), 'utf8')] as const)
  // jsxDEV is undefined in React's production build: an app built for production would throw.
  expect(built.filter(([, code]) => code.includes('jsx-dev-runtime')).map(([file]) => file)).toEqual([])
  const client = built.filter(([, code]) => code.startsWith('"use client"')).map(([file]) => file).sort()
  expect(client).toEqual(['dist/devtools.js', 'dist/index.js', 'dist/react-router.js', 'dist/react.js', 'dist/router.js'])
})

it('packs built JS and declarations, and nothing of src or test', () => {
  expect(files).toContain('dist/index.js')
  expect(files).toContain('dist/index.d.ts')
  expect(files).toContain('LICENSE')
  for (const entry of Object.keys(manifest.exports).filter((key) => key !== './package.json')) {
    const name = entry === '.' ? 'index' : entry.slice(2)
    expect(files).toContain(`dist/${name}.js`)
    expect(files).toContain(`dist/${name}.d.ts`)
  }
  expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([])
})

it.each(['bundler', 'nodenext'])('type-checks the seed-004 app with moduleResolution %s', (resolution) => {
  writeFileSync(
    join(app, 'app.tsx'),
    `import { useCallback } from 'react'
import { createTracker, consoleSink, memorySink, PageType, TrackingProvider, TrackPage, TrackSection, useTracking } from 'trackplan'
import { createTracker as createCoreTracker } from 'trackplan/core'
import { TrackPage as ReactTrackPage } from 'trackplan/react'
import { httpSink } from 'trackplan/http'
import { TrackRoutes } from 'trackplan/router'
import { TrackingDevtools } from 'trackplan/devtools'
import type { devCollector } from 'trackplan/vite'
import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'

enum EventName { RUN_QUERY_BUTTON_CLICKED = 'run_query_button.click', QUERY_RUN = 'query.run' }
enum PageName { ORGANIZATION_SETTINGS = 'organization_settings', WELCOME = 'welcome' }
enum SectionName { PAGE_FOOTER = 'page_footer' }
enum CategoryName { SETTINGS = 'settings' }

declare module 'trackplan' {
  interface Register {
    eventName: EventName
    pageName: PageName
    sectionName: SectionName
    categoryName: CategoryName
    eventProperties: { [EventName.QUERY_RUN]: { rows: number } }
  }
}

const tracker = createTracker({ sinks: [consoleSink(), memorySink(), httpSink({ url: '/collect' })], context: { app: 'webapp' } })
const rootRoute = createRootRoute()
createRouter({
  routeTree: rootRoute.addChildren([
    createRoute({ getParentRoute: () => rootRoute, path: '/', staticData: { pageName: PageName.WELCOME } }),
    // @ts-expect-error staticData.pageName is typed with the registered PageName
    createRoute({ getParentRoute: () => rootRoute, path: '/x', staticData: { pageName: 'welcom' } }),
  ]),
  InnerWrap: TrackRoutes,
})
export type Plugin = ReturnType<typeof devCollector>
createCoreTracker().track({ name: EventName.QUERY_RUN, properties: { rows: 1 } })
// @ts-expect-error the plan is registered for the installed package too
tracker.track({ name: 'not.in_plan' })

function Button() {
  const { track } = useTracking()
  const onClick = useCallback(() => track({ name: EventName.RUN_QUERY_BUTTON_CLICKED }), [track])
  return <button onClick={onClick}>Run</button>
}

export const App = () => (
  <TrackingProvider tracker={tracker}>
    <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
      <TrackSection name={SectionName.PAGE_FOOTER}><Button /></TrackSection>
    </TrackPage>
    <ReactTrackPage name={PageName.ORGANIZATION_SETTINGS} />
    <TrackingDevtools />
  </TrackingProvider>
)
`,
  )
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
        moduleResolution: resolution,
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['app.tsx'],
    }),
  )
  const tsc = join(root, 'node_modules', '.bin', 'tsc')
  expect(() => execFileSync(tsc, ['-p', app], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow()
}, 60_000)

it('every export resolves in plain Node, server-renders, and touches no browser global', () => {
  // Plain Node has no window, document or storage: any use of them here is a ReferenceError.
  const script = `
if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('not plain Node')
const entries = ${JSON.stringify(Object.keys(manifest.exports).filter((key) => key !== './package.json'))}
// Entries for other runtimes (a test runner's setup, Storybook's manager and preview) are resolved, not run.
const elsewhere = ['./testing/setup', './storybook/manager', './storybook/preview']
const { existsSync } = await import('node:fs')
for (const entry of entries) {
  const specifier = entry === '.' ? 'trackplan' : 'trackplan' + entry.slice(1)
  if (!existsSync(new URL(import.meta.resolve(specifier)))) throw new Error('missing ' + specifier)
  if (!elsewhere.includes(entry)) await import(specifier)
}
const { createElement: h } = await import('react')
const { renderToString } = await import('react-dom/server')
const { createTracker, memorySink, TrackingProvider, TrackPage, TrackSection } = await import('trackplan')
const sink = memorySink()
const tracker = createTracker({ sinks: [sink] })
const html = renderToString(h(TrackingProvider, { tracker }, h(TrackPage, { name: 'welcome' }, h(TrackSection, { name: 'main' }, h('p', null, 'hello')))))
tracker.track({ name: 'server.rendered' })
console.log(JSON.stringify({ html, events: sink.events.map((event) => event.name) }))
`
  writeFileSync(join(app, 'check.mjs'), script)
  const output = execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' })
  expect(JSON.parse(output)).toEqual({ html: '<p>hello</p>', events: ['server.rendered'] })
})

it('Storybook finds the addon by its name, trackplan/storybook: a manager entry and preview annotations', () => {
  writeFileSync(
    join(app, 'addon.mjs'),
    `const { resolveAddonName } = await import('storybook/internal/common')
console.log(JSON.stringify(resolveAddonName(process.cwd(), 'trackplan/storybook', {})))`,
  )
  const resolved = JSON.parse(execFileSync(process.execPath, ['addon.mjs'], { cwd: app, encoding: 'utf8' })) as {
    type: string
    managerEntries: string[]
    previewAnnotations: (string | { absolute: string })[]
  }
  expect(resolved.type).toBe('virtual')
  expect(resolved.managerEntries).toEqual([expect.stringMatching(/node_modules\/trackplan\/dist\/storybook\/manager\.js$/)])
  const preview = resolved.previewAnnotations.map((entry) => (typeof entry === 'string' ? entry : entry.absolute))
  expect(preview).toEqual([expect.stringMatching(/node_modules\/trackplan\/dist\/storybook\/preview\.js$/)])
})

it('the trackplan command runs from the installed package', () => {
  writeFileSync(
    join(app, 'plan.mjs'),
    `import { definePlan } from 'trackplan'
export const plan = definePlan({ events: { 'query.run': { description: 'A query finished' } }, pages: { explorer: { description: 'Queries' } } })`,
  )
  expect(files).toContain('bin/trackplan.js')
  const output = execFileSync(process.execPath, ['node_modules/trackplan/bin/trackplan.js', 'catalog', 'plan.mjs', '--format', 'json'], { cwd: app, encoding: 'utf8' })
  expect(JSON.parse(output)).toEqual({
    events: [{ name: 'query.run', description: 'A query finished', properties: null, schema: null }],
    pages: [{ name: 'explorer', description: 'Queries' }],
    sections: [],
    categories: [],
  })
})

it('the trackplan command answers --help and --version with exit 0, and a mistake with exit 2', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['node_modules/trackplan/bin/trackplan.js', ...args], { cwd: app, encoding: 'utf8' })
  for (const help of [run('--help'), run('catalog', '--help'), run('coverage', '-h')]) {
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('trackplan catalog <plan module>')
  }
  const version = run('--version')
  expect([version.status, version.stdout]).toEqual([0, `${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`])
  const mistake = run('catalgo', 'plan.mjs')
  expect([mistake.status, mistake.stdout]).toEqual([2, ''])
  expect(mistake.stderr).toContain('Unknown command "catalgo"')
})

/** The TypeScript blocks of README.md and docs/*.md, each as a file: named by its first line (`// path.tsx`) or by its document and place. */
function readmeBlocks(): { file: string; code: string }[] {
  const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)]
  const blocks: { file: string; code: string }[] = []
  for (const document of documents) {
    const text = readFileSync(join(root, document), 'utf8')
    const stem = document.replace(/\W+/g, '-')
    for (const match of text.matchAll(/^( *)```(tsx?)\n([\s\S]*?)^\1```$/gm)) {
      const indent = match[1]!.length
      const code = match[3]!.split('\n').map((line) => line.slice(indent)).join('\n')
      const named = /^\/\/ ([\w./-]+\.tsx?)\b/.exec(code)?.[1]
      blocks.push({ file: named ?? `${stem}-block-${blocks.length + 1}.${match[2]}`, code })
    }
  }
  return blocks
}

it("every TypeScript block of the README and docs/ compiles against the installed package, and its test passes", () => {
  const blocks = readmeBlocks()
  expect(blocks.length).toBeGreaterThan(12)
  const dir = join(app, 'readme')
  for (const { file, code } of blocks) {
    mkdirSync(join(dir, file, '..'), { recursive: true })
    writeFileSync(join(dir, file), code)
  }
  expect(blocks.map((block) => block.file)).toEqual(expect.arrayContaining(['analytics/plan.ts', 'vitest.setup.ts', 'RunQueryButton.test.tsx', '.storybook/main.ts']))
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      // As Vite's react-ts template sets them: erasableSyntaxOnly refuses enums, which the README must not need.
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: true, types: ['vite/client'], lib: ['ES2023', 'DOM', 'DOM.Iterable'], erasableSyntaxOnly: true, verbatimModuleSyntax: true },
      include: ['**/*.ts', '**/*.tsx', '.storybook/*.ts'],
    }),
  )
  const tsc = join(root, 'node_modules', '.bin', 'tsc')
  const checked = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' })
  expect(checked.stdout + checked.stderr).toBe('')
  expect(checked.status).toBe(0)
  // The README's test, run as a new user runs it: their vitest.config.ts, their setup file, the package.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'FORCE_COLOR'))
  const run = spawnSync(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } })
  expect(run.stdout + run.stderr).toMatch(/Tests\s+1 passed/)
  expect(run.status).toBe(0)
}, 120_000)

it('a server without React: one plan file serves the React app and the server, typed with and without React\'s types, and trackplan/node runs', () => {
  // A server's own install, outside the app (whose node_modules has React): the package, zod, Express
  // and Node's types; no react, no @types/react.
  const server = mkdtempSync(join(tmpdir(), 'trackplan-server-'))
  onTestFinished(() => rmSync(server, { recursive: true, force: true }))
  const modules = join(server, 'node_modules')
  mkdirSync(join(modules, 'trackplan'), { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', join(modules, 'trackplan'), '--strip-components=1'])
  mkdirSync(join(modules, '@types'), { recursive: true })
  const types = ['node', 'express', 'express-serve-static-core', 'serve-static', 'body-parser', 'connect', 'send', 'qs', 'range-parser', 'http-errors']
  for (const name of ['zod', 'express', ...types.map((type) => `@types/${type}`)]) symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir')
  writeFileSync(join(server, 'package.json'), JSON.stringify({ name: 'server', type: 'module', private: true }))
  const plan = `import { definePlan } from 'trackplan/core'
import { z } from 'zod'
export const plan = definePlan({
  events: { 'project.created': { description: 'A project was created', properties: z.object({ projectId: z.string() }) } },
  pages: { projects: { description: 'The list of projects' } },
})
declare module 'trackplan/core' { interface Register { plan: typeof plan } }
`
  writeFileSync(join(server, 'plan.ts'), plan)
  writeFileSync(join(app, 'plan.ts'), plan)
  writeFileSync(
    join(server, 'server.ts'),
    `import express from 'express'
import { createServerTracker, trackRequests, memorySink } from 'trackplan/node'
import { plan } from './plan.js'
const sink = memorySink()
export const tracker = createServerTracker({ sinks: [sink], plan, validate: 'warn' })
const app = express()
app.use(trackRequests(tracker, { userId: (request) => request.get('x-user') }))
app.post('/projects', (_request, response) => {
  tracker.track({ name: 'project.created', properties: { projectId: 'p1' } })
  response.end()
})
tracker.track({ name: 'project.created', properties: { projectId: 'p2' }, userId: 'user-1' })
// @ts-expect-error not in the plan
tracker.track({ name: 'project.deleted', userId: 'user-1' })
// @ts-expect-error projectId is a string
tracker.track({ name: 'project.created', properties: { projectId: 2 } })
`,
  )
  writeFileSync(
    join(app, 'web.tsx'),
    `import { createTracker, TrackPage, useTracking } from 'trackplan'
import { plan } from './plan.js'
export const tracker = createTracker({ plan })
export function Create() {
  const { track } = useTracking()
  // @ts-expect-error the same plan types the React app
  track({ name: 'project.deleted' })
  return <TrackPage name="projects"><button onClick={() => track({ name: 'project.created', properties: { projectId: 'p3' } })} /></TrackPage>
}
`,
  )
  const tsconfig = (file: string, extra: object) => JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, ...extra }, files: [file] })
  writeFileSync(join(server, 'tsconfig.json'), tsconfig('server.ts', { types: ['node'] }))
  writeFileSync(join(app, 'tsconfig.web.json'), tsconfig('web.tsx', { jsx: 'react-jsx', types: [] }))
  const tsc = join(root, 'node_modules', '.bin', 'tsc')
  for (const project of [join(server, 'tsconfig.json'), join(app, 'tsconfig.web.json')]) {
    const checked = spawnSync(tsc, ['-p', project], { encoding: 'utf8' })
    expect(checked.stdout + checked.stderr).toBe('')
  }
  expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', "await import('react')"], { cwd: server, stdio: 'pipe' })).toThrow(/Cannot find package 'react'/)
  writeFileSync(
    join(server, 'run.mjs'),
    `import { createServerTracker, memorySink } from 'trackplan/node'
const sink = memorySink()
const tracker = createServerTracker({ sinks: [sink] })
tracker.runInScope({ userId: 'user-1', context: { requestId: 'r1' } }, () => tracker.track({ name: 'project.created' }))
console.log(JSON.stringify(sink.events.map((event) => [event.userId, event.context.requestId])))`,
  )
  expect(JSON.parse(execFileSync(process.execPath, ['run.mjs'], { cwd: server, encoding: 'utf8' }))).toEqual([['user-1', 'r1']])
}, 60_000)

it('every peer range admits the version the tests run with (npm refuses to install a peer it cannot match)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
  const unmatched = Object.entries(pkg.peerDependencies).flatMap(([name, range]) => {
    const installed = (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
    return satisfies(installed, range) ? [] : [`${name}@${installed} is outside "${range}"`]
  })
  // @duckdb/node-api publishes only prereleases (1.5.6-r.1), which no range matches: it is no peer, only an optional import.
  expect(unmatched).toEqual([])
})

it('publint finds nothing to fix in the packed package', async () => {
  const { publint } = await import('publint')
  const { messages } = await publint({ pkgDir: join(app, 'node_modules', 'trackplan'), pack: false, strict: true })
  expect(messages).toEqual([])
})
