// Bundles the benchmark for Node in production mode (as apps ship), with trackplan from src/.
import { build } from 'esbuild'

await build({
  entryPoints: ['bench/_e2e.tsx'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  jsx: 'automatic',
  outfile: '.trackplan/e2e.mjs',
  packages: 'external',
  alias: { trackplan: './src/index.ts', 'trackplan/http': './src/http.ts' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  // package.json's sideEffects list is for the published dist; the bench's own setup import must stay.
  ignoreAnnotations: true,
})
