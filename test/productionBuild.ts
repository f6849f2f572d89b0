// The package's entries as an app's production build ships them (NODE_ENV=production), loaded in Node.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

/** Bundles `src/<entry>.ts` with NODE_ENV=production (development code dropped) and imports it. */
export async function importProduction<T>(entry: string): Promise<T> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'trackplan-prod-')), `${entry}.mjs`)
  await build({
    entryPoints: [join(process.cwd(), 'src', `${entry}.ts`)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile,
    external: ['react', 'react/jsx-runtime', 'react-dom'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return (await import(pathToFileURL(outfile).href)) as T
}
