// @vitest-environment node
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildCatalog, catalogMarkdown, planCoverage } from 'trackplan/catalog'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/runCli'
import { writeCoverageRecord } from '../../src/testing/coverageRecord'
import { createTestTracker } from 'trackplan/testing'
import { plan } from './fixturePlan'

const fixture = new URL('./fixturePlan.ts', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'trackplan-catalog-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) })
  return { code, out, err }
}

describe('buildCatalog and catalogMarkdown', () => {
  it('lists events with JSON Schema where the schema library gives one (zod), and says so where not (valibot)', () => {
    const catalog = buildCatalog(plan)
    expect(catalog.events.map((event) => [event.name, event.schema, event.properties === null])).toEqual([
      ['query.run', 'zod', false],
      ['chart.saved', 'valibot', true],
      ['run_query_button.click', null, true],
    ])
    expect(catalog.events[0]!.properties).toMatchObject({ type: 'object', required: ['rows', 'warehouse'] })
    const markdown = catalogMarkdown(catalog)
    expect(markdown).toContain('3 events, 1 pages, 1 sections.')
    expect(markdown).toContain('A query finished | with rows')
    expect(markdown).toContain('| `rows` | integer | yes | Rows returned |')
    expect(markdown).toContain('| `warehouse` | "bigquery" \\| "postgres" | yes |  |')
    expect(markdown).toContain('| `cached` | boolean | no |  |')
    expect(markdown).toContain('_Properties are validated by valibot, which gives no JSON Schema._')
    expect(markdown).toContain('_No properties declared._')
    expect(markdown).toContain('| `explorer` | Where queries are built |')
  })
})

describe('npx trackplan catalog', () => {
  it('reads a TypeScript plan module and prints Markdown, or JSON, or writes a file', async () => {
    const md = await cli('catalog', fixture)
    expect(md.code).toBe(0)
    expect(md.out).toMatch(/^# Tracking plan\n/)
    const json = await cli('catalog', fixture, '--format', 'json')
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(buildCatalog(plan))))
    const out = join(dir, 'plan.md')
    expect((await cli('catalog', fixture, '--out', out)).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(md.out)
  })

  it('bad input: clear messages and exit codes, nothing thrown', async () => {
    expect(await cli()).toMatchObject({ code: 0, out: expect.stringContaining('Usage:') })
    expect(await cli('catalog', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage:'), err: '' })
    expect(await cli('catalog')).toMatchObject({ code: 2, err: expect.stringContaining('needs a plan module') })
    expect(await cli('publish', fixture)).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') })
    expect(await cli('catalog', fixture, '--format', 'yaml')).toMatchObject({ code: 2, err: '--format must be md or json, got yaml' })
    expect(await cli('catalog', fixture, '--export', 'notAPlan')).toMatchObject({ code: 1, err: expect.stringContaining('has no plan exported as "notAPlan"') })
    expect(await cli('catalog', join(dir, 'missing.ts'))).toMatchObject({ code: 1, err: expect.stringMatching(/^trackplan catalog: /) })
    const empty = join(dir, 'empty.mjs')
    writeFileSync(empty, 'export const x = 1\n')
    expect(await cli('catalog', empty)).toMatchObject({ code: 1, err: expect.stringContaining('exports no plan') })
  })
})

describe('coverage', () => {
  it('planCoverage lists plan events nothing tracked and tracked names the plan lacks', () => {
    const tracker = createTestTracker({ validate: 'off' })
    tracker.page({ name: 'explorer' })
    tracker.page({ name: 'welcome' })
    tracker.track({ name: 'query.run', properties: { rows: 1, warehouse: 'bigquery' } })
    tracker.track({ name: 'query.ran' })
    expect(planCoverage(plan, tracker.events)).toEqual({
      untracked: ['chart.saved', 'run_query_button.click'],
      undeclared: ['query.ran'],
      untrackedPages: [],
      undeclaredPages: ['welcome'],
    })
  })

  it('test trackers record what they tracked, and writeCoverageRecord keeps it for the command', () => {
    const record = join(dir, 'recorded')
    createTestTracker().track({ name: 'coverage_probe.tracked' })
    writeCoverageRecord(record)
    const [file] = readdirSync(record)
    expect(readFileSync(join(record, file!), 'utf8')).toContain('{"type":"track","name":"coverage_probe.tracked"}\n')
  })

  it('npx trackplan coverage reports from the recorded files', async () => {
    const record = join(dir, 'coverage')
    mkdirSync(record)
    writeFileSync(join(record, 'tracked-1.jsonl'), '{"type":"track","name":"query.run"}\n{"type":"page","name":"explorer"}\n')
    writeFileSync(join(record, 'tracked-2.jsonl'), '{"type":"track","name":"query.ran"}\n')
    const report = await cli('coverage', fixture, '--from', record)
    expect(report.code).toBe(0)
    expect(report.out).toBe(
      [
        'Plan events tracked by tests: 1 of 3',
        'Never tracked:\n  - chart.saved\n  - run_query_button.click',
        'Tracked but not in the plan:\n  - query.ran',
        'Pages never tracked:\n  (none)',
        'Pages not in the plan:\n  (none)',
        '',
      ].join('\n'),
    )
    expect((await cli('coverage', fixture, '--from', record, '--strict')).code).toBe(1)
    expect(await cli('coverage', fixture)).toMatchObject({ code: 2, err: expect.stringContaining('coverage needs --from') })
  })
})
