import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

/** One public entry = one file at the top of src/ = one `exports` subpath in package.json. */
export const entries = {
  index: src('index.ts'),
  core: src('core.ts'),
  react: src('react.ts'),
  http: src('http.ts'),
  router: src('router.ts'),
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
  cli: src('cli.ts'),
}

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
      external: [/^trackplan($|\/)/, /^react($|\/)/, /^react-dom($|\/)/, /^@tanstack\//, /^storybook($|\/)/, /^@storybook\//, /^vitest($|\/)/, /^@testing-library\//, /^vite$/, /^esbuild$/, /^node:/],
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
    // Browser and collector tests run beside each other on two cores: give polled conditions time.
    expect: { poll: { timeout: 5000, interval: 50 } },
    reporters: ['default', './test/summaryReporter.ts'],
  },
})
