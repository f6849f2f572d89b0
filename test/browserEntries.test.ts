// @vitest-environment node
// Every entry a browser loads is bundled for the browser: a `node:` import (or a bare Node built-in)
// anywhere in its graph fails here, before it shows Storybook's spinner or Vitest browser mode's
// "process is not defined" to a user.
import { builtinModules } from 'node:module'
import { build, type Plugin } from 'esbuild'
import { expect, it } from 'vitest'
import { entries } from '../vite.config'

/** Entries that run only in Node: a Vite plugin, the command line, the server tracker and the collector. */
const nodeOnly = new Set(['vite', 'cli', 'node', 'collector'])
const browserEntries = Object.entries(entries).filter(([name]) => !nodeOnly.has(name))
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

function trackplanFromSource(found: string[]): Plugin {
  return {
    name: 'trackplan-from-source',
    setup(build) {
      build.onResolve({ filter: /^trackplan(\/.*)?$/ }, ({ path }) => ({ path: path === 'trackplan' ? entries.index : entries[path.slice('trackplan/'.length) as keyof typeof entries] }))
      build.onResolve({ filter: /.*/ }, ({ path, importer }) => {
        if (!builtins.has(path) && !path.startsWith('node:')) return undefined
        found.push(`${path} (imported by ${importer.replace(process.cwd(), '.')})`)
        return { path, external: true }
      })
    },
  }
}

it('the browser entries are not empty', () => {
  expect(browserEntries.map(([name]) => name)).toEqual(expect.arrayContaining(['index', 'testing', 'testing/setup', 'storybook/preview', 'storybook/manager']))
})

it.each(browserEntries)('trackplan/%s imports no Node built-in, even indirectly', async (_name, entry) => {
  const found: string[] = []
  await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    jsx: 'automatic',
    // Peers are the app's: their own browser builds are theirs to provide.
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*', 'storybook', 'storybook/*', '@storybook/*', 'vitest', '@testing-library/*', '@vitest/*'],
    plugins: [trackplanFromSource(found)],
    logLevel: 'silent',
  })
  expect(found).toEqual([])
})
