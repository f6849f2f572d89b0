// For tests that run trackplan in a child process: an entry bundled by esbuild (TypeScript from src
// inside, npm packages outside) into node_modules/.cache, once per test run.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build, type BuildOptions } from 'esbuild'

const root = resolve(import.meta.dirname, '..')
const bundles = new Map<string, Promise<string>>()

/** The path of `<cache>/<name>`, built from `options` (`entryPoints` or `stdin`) the first time it is asked for. */
export function bundledForNode(name: string, options: BuildOptions): Promise<string> {
  let bundled = bundles.get(name)
  if (!bundled) {
    bundled = (async () => {
      const out = join(root, 'node_modules/.cache/trackplan-tests')
      mkdirSync(out, { recursive: true })
      const outfile = join(out, name)
      await build({ bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error', tsconfigRaw: '{}', ...options })
      return outfile
    })()
    bundles.set(name, bundled)
  }
  return bundled
}
