// `node bench/sizeWithout.mjs`: what the size budgets would measure with parts of the core taken out.
// An experiment for deciding what could become opt-in, not a build: the parts are replaced by stand-ins.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const standIns = {
  consent: ['consentGate.ts', 'export const createConsentGate = (optIn, send) => ({ consent: {}, route: send, setConsent() {} })'],
  'stored identity': [
    'identity.ts',
    "import { createId } from './createId.js'; export const loadIdentity = (storage, id) => ({ anonymousId: id || createId() }); export const saveIdentity = () => {}",
  ],
  'deep sanitizing': ['sanitizeProperties.ts', 'export const sanitizeProperties = (input) => ({ properties: { ...input }, problems: [] })'],
}
const core = "export { createTracker, TrackingProvider, useTracking, TrackPage, TrackSection } from './src/index.ts'"
const withHttp = `${core}; export { httpSink } from './src/http.ts'`

async function gzipped(contents, without) {
  const replace = {
    name: 'stand-ins',
    setup(build) {
      for (const part of without) {
        const [file, code] = standIns[part]
        build.onLoad({ filter: new RegExp(`/${file.replace('.', '\\.')}$`) }, () => ({ contents: code, loader: 'ts' }))
      }
    },
  }
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    plugins: [replace],
    external: ['react', 'react/jsx-runtime', 'react-dom'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length
}

const rows = {}
for (const without of [[], ...Object.keys(standIns).map((part) => [part]), Object.keys(standIns)]) {
  rows[without.length === 0 ? 'as shipped' : `without ${without.join(', ')}`] = {
    'core + React (bytes)': await gzipped(core, without),
    'with httpSink (bytes)': await gzipped(withHttp, without),
  }
}
console.table(rows)
