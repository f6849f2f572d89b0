// @vitest-environment node
import { it } from 'vitest'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { startPostgres } from '../warehouse/databaseServers.ts'
it('x', async () => {
  const s = await startPostgres()
  const c = new pg.Client({ connectionString: s.url }); await c.connect()
  const cols: [string, string][] = [['id', 'text'], ['type', 'text'], ['name', 'text'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['user_id', 'text'], ['anonymous_id', 'text'], ['page_name', 'text'], ['page_type', 'text'], ['page_category', 'text'], ['section_name', 'text'], ['section_path', 'jsonb'], ['original_timestamp', 'timestamptz'], ['sent_at', 'timestamptz'], ['context', 'jsonb'], ['properties', 'jsonb']]
  for (const t of ['a', 'b', 'd']) await c.query(`CREATE TABLE ${t} (${cols.map(([n, ty]) => `"${n}" ${ty}`).join(', ')}, PRIMARY KEY (id))`)
  let seq = 0
  const rows = (n: number) => { const now = new Date().toISOString(); return Array.from({ length: n }, (_, i) => ({ id: `id-${++seq}`, type: 'track', name: 'query.run', timestamp: now, received_at: now, user_id: 'u', anonymous_id: 'a', page_name: 'explorer', page_type: 'page', page_category: null, section_name: null, section_path: null, original_timestamp: now, sent_at: now, context: { app: 'webapp', page: { name: 'explorer', type: 'page' } }, properties: { rows: i, cached: false } })) }
  const names = cols.map(([n]) => `"${n}"`).join(', ')
  const time = async (label: string, fn: (r: Record<string, unknown>[]) => Promise<unknown>) => {
    const t = performance.now()
    for (let i = 0; i < 60; i++) await fn(rows(800))
    console.log(label, Math.round(60 * 800 / ((performance.now() - t) / 1000)), 'rows/s')
  }
  const esc = (v: unknown) => v === null || v === undefined ? '\\N' : String(v).replace(/[\\\n\r\t]/g, (m) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[m]!)
  const text = (r: Record<string, unknown>[]) => r.map((row) => cols.map(([n, ty]) => esc(ty === 'jsonb' && row[n] !== null ? JSON.stringify(row[n]) : row[n])).join('\t')).join('\n') + '\n'
  await time('jsonb_populate', async (r) => { await c.query('BEGIN'); await c.query(`INSERT INTO a (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::a, $1::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`, [JSON.stringify(r)]); await c.query('COMMIT') })
  await c.query(`CREATE TEMP TABLE stage (LIKE b) ON COMMIT DELETE ROWS`)
  await time('copy stage + insert on conflict', async (r) => {
    await c.query('BEGIN')
    await pipeline(Readable.from([text(r)]), c.query(copyFrom(`COPY stage FROM STDIN`)))
    await c.query(`INSERT INTO b SELECT * FROM stage ON CONFLICT (id) DO NOTHING RETURNING id`)
    await c.query('COMMIT')
  })
  await time('copy direct (no conflict check)', async (r) => {
    await c.query('BEGIN')
    await pipeline(Readable.from([text(r)]), c.query(copyFrom(`COPY d FROM STDIN`)))
    await c.query('COMMIT')
  })
  await c.end(); await s.remove()
}, 120000)
