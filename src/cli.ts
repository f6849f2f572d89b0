import { readFileSync } from 'node:fs'
import { runCli } from './cli/runCli.js'

// dist/cli.js sits one folder below the package's own package.json (a variable, so that the build
// does not turn the URL into an asset of its own).
const manifest = '../package.json'
const { version } = JSON.parse(readFileSync(new URL(manifest, import.meta.url), 'utf8')) as { version: string }

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(`${text}\n`),
  version,
})
