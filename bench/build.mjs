// Bundles `npm run bench`'s three programs. trackplan comes from dist/ (npm run build first), as the
// published package: left unbundled for Node, bundled and minified for the Chromium page.
import { build } from 'esbuild'

// tsconfig.json's paths point `trackplan` at src/ for the tests: not here.
const common = { bundle: true, format: 'esm', jsx: 'automatic', logLevel: 'warning', tsconfigRaw: {} }

// Node: every package (trackplan included, through its own exports) is loaded by Node at run time,
// after the jsdom globals, which Node loads first (`--import`).
await build({ ...common, entryPoints: ['bench/jsdomGlobals.ts'], platform: 'node', packages: 'external', outfile: '.trackplan/bench-jsdom.mjs' })
await build({ ...common, entryPoints: ['bench/node.tsx'], platform: 'node', packages: 'external', outfile: '.trackplan/bench-node.mjs' })
await build({ ...common, entryPoints: ['bench/serverNode.ts'], platform: 'node', packages: 'external', outfile: '.trackplan/bench-server.mjs' })
await build({ ...common, entryPoints: ['bench/collectorNode.ts'], platform: 'node', packages: 'external', outfile: '.trackplan/bench-collector.mjs' })
await build({ ...common, entryPoints: ['bench/warehouseNode.ts'], platform: 'node', packages: 'external', outfile: '.trackplan/bench-warehouse.mjs' })
await build({ ...common, entryPoints: ['bench/run.ts'], platform: 'node', packages: 'external', outfile: '.trackplan/bench.mjs' })

// Chromium: an app's production bundle.
await build({
  ...common,
  entryPoints: ['bench/browser.tsx'],
  platform: 'browser',
  format: 'iife',
  minify: true,
  outfile: '.trackplan/bench-browser.js',
  alias: { trackplan: './dist/index.js', 'trackplan/http': './dist/http.js', 'trackplan/enrichers': './dist/enrichers.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
})
