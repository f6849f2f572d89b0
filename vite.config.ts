import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { chromiumArgs, findChromium } from './test/browser/findChromium.ts'

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

/** One public entry = one file at the top of src/ = one `exports` subpath in package.json. */
export const entries = {
  index: src('index.ts'),
  core: src('core.ts'),
  react: src('react.ts'),
  http: src('http.ts'),
  router: src('router.ts'),
  'react-router': src('react-router.ts'),
  devtools: src('devtools.ts'),
  vite: src('vite.ts'),
  testing: src('testing.ts'),
  'testing/setup': src('testing/setup.ts'),
  storybook: src('storybook.ts'),
  'storybook/preview': src('storybook/preview.tsx'),
  'storybook/manager': src('storybook/manager.ts'),
  catalog: src('catalog.ts'),
  destinations: src('destinations.ts'),
  enrichers: src('enrichers.ts'),
  node: src('node.ts'),
  collector: src('collector.ts'),
  cli: src('cli.ts'),
}

/** Entries that render or use React: their built files start with 'use client', for React Server Components (Next.js). */
export const clientEntries = ['index', 'react', 'router', 'react-router', 'devtools']

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^trackplan$/, replacement: src('index.ts') },
      { find: /^trackplan\/(.*)$/, replacement: src('$1.ts') },
    ],
  },
  build: {
    lib: { entry: entries, formats: ['es'] },
    outDir: 'dist',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [/^trackplan($|\/)/, /^react($|\/)/, /^react-dom($|\/)/, /^react-router($|\/)/, /^@tanstack\//, /^storybook($|\/)/, /^@storybook\//, /^vitest($|\/)/, /^@testing-library\//, /^vite$/, /^esbuild$/, /^node:/, /^pg$/, /^@duckdb\//, /^@clickhouse\//],
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry && clientEntries.includes(chunk.name) ? "'use client';" : ''),
      },
    },
  },
  test: {
    reporters: ['default', './test/summaryReporter.ts'],
    // Browser and collector tests run beside each other on two cores: give polled conditions time.
    expect: { poll: { timeout: 5000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser-mode/**'],
          setupFiles: ['test/setup.ts'],
          restoreMocks: true,
        },
      },
      ...browserProjects(),
    ],
  },
})

/**
 * Tests that run inside real Chromium through Vitest's browser mode: the stories, as Storybook's
 * Vitest addon turns them into tests, and the testing kit's matchers. Debian's Chromium, never a
 * downloaded one; without it they are skipped, loudly (and CI, which installs it, fails instead).
 */
function browserProjects(): TestProjectInlineConfiguration[] {
  const executablePath = findChromium()
  if (!executablePath) {
    const message = "No Chromium found (set CHROMIUM_PATH or install Debian's chromium): Vitest browser-mode projects are SKIPPED."
    if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`)
    console.warn(`\n[trackplan tests] ${message}\n`)
    return []
  }
  const browser = () => ({
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: { executablePath, args: chromiumArgs } }),
    instances: [{ browser: 'chromium' as const }],
    screenshotFailures: false,
  })
  return [
    { extends: true, plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })], test: { name: 'storybook', browser: browser() } },
    { extends: true, test: { name: 'browser-mode', include: ['test/browser-mode/**/*.test.{ts,tsx}'], setupFiles: [src('testing/setup.ts')], browser: browser() } },
  ]
}
