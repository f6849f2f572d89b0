// @vitest-environment node
// The API reference (`npm run reference`): TypeDoc over every public entry, with the validation that
// makes an export without documentation, or a broken {@link}, fail it. TypeDoc needs TypeScript's
// compiler API (TypeScript 6 at most), so it lives in tools/reference with its own install; .ci/run
// installs it, and without it these tests are skipped, loudly (CI=true fails instead).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const tools = resolve(import.meta.dirname, '../tools/reference')
const typedoc = join(tools, 'node_modules/typedoc/bin/typedoc')
const installed = existsSync(typedoc)
if (!installed) {
  const message = 'tools/reference is not installed (npm ci --prefix tools/reference): the reference tests are SKIPPED.'
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`)
  console.warn(`\n[trackplan tests] ${message}\n`)
}

const run = (options = join(tools, 'typedoc.json')) => spawnSync(process.execPath, [typedoc, '--options', options, '--emit', 'none'], { cwd: tools, encoding: 'utf8' })

describe.skipIf(!installed)('the API reference', () => {
  it('builds from every public entry with no export undocumented and no broken link', () => {
    const result = run()
    expect(result.stdout + result.stderr).not.toMatch(/warning|error/i)
    expect(result.status).toBe(0)
  }, 60_000)

  it('fails on an export without documentation', () => {
    const directory = mkdtempSync(join(tmpdir(), 'trackplan-reference-'))
    try {
      writeFileSync(join(directory, 'index.ts'), '/** Documented. */\nexport const documented = 1\nexport interface Undocumented { field: string }\n')
      writeFileSync(join(directory, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022' }, include: ['index.ts'] }))
      // The reference's own settings, on a module with one export undocumented.
      const settings = { ...(JSON.parse(readFileSync(join(tools, 'typedoc.json'), 'utf8')) as object), entryPoints: [join(directory, 'index.ts')], tsconfig: join(directory, 'tsconfig.json') }
      writeFileSync(join(directory, 'typedoc.json'), JSON.stringify(settings))
      const result = run(join(directory, 'typedoc.json'))
      expect(result.stdout + result.stderr).toMatch(/Undocumented \(Interface\).*does not have any documentation/)
      expect(result.status).not.toBe(0)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  }, 60_000)
})
