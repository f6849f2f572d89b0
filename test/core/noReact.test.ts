// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, it, vi } from 'vitest'

// If anything in the core touched React, importing it would now throw.
vi.mock('react', () => {
  throw new Error('trackplan/core imported react')
})

it('trackplan/core works with React unavailable', async () => {
  const { createTracker, memorySink } = await import('trackplan/core')
  const sink = memorySink()
  createTracker({ sinks: [sink] }).track({ name: 'query.run' })
  expect(sink.events).toHaveLength(1)
})

it('the core bundle has no import at all, React or other', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../src/core.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    packages: 'external',
    logLevel: 'silent',
  })
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((imported) => imported.external))
  expect(imports).toEqual([])
  expect(Object.keys(result.metafile.inputs).every((path) => path.startsWith('src/core'))).toBe(true)
})
