// What every database store does, run against each real database: typed tables from a zod plan,
// each event stored once however often and by however many collectors it is sent, quarantine with
// reasons, an additive migration, the report on a known data set, and bad input (fast-check).
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { z } from 'zod'
import { createCollector, planReport, type Collector, type CollectedEvent, type Dialect, type WarehouseStore } from '../../src/collector.ts'
import { definePlan, type TrackedEvent, type TrackingPlan } from '../../src/core.ts'

export const plan = definePlan({
  events: {
    'accept.order.completed': {
      description: 'An order was accepted',
      properties: z.object({
        orderId: z.string().describe('The order, as the shop numbers it'),
        total: z.number(),
        express: z.boolean(),
        tier: z.enum(['free', 'pro']),
        items: z.array(z.object({ sku: z.string() })),
        note: z.string().optional(),
      }),
    },
    'button.clicked': { description: 'A button was clicked' },
  },
})

export interface StoreUnderTest {
  dialect: Dialect
  /** A new store on the suite's database (another collector's, when called twice). */
  open(plan?: TrackingPlan, log?: (message: string) => void): WarehouseStore
  /** Rows counted as the store counts once per id (ClickHouse: FINAL). */
  count(table: string): Promise<number>
  /** The column names and types of a table, in order. */
  columns(table: string): Promise<[string, string][]>
}

let counter = 0
export const event = (name: string, properties: Record<string, unknown> = {}, overrides: Partial<TrackedEvent> = {}): TrackedEvent => ({
  id: `e-${process.pid}-${Date.now().toString(36)}-${++counter}`,
  type: 'track',
  name,
  properties,
  context: { page: { name: 'checkout', type: 'page' }, section: { name: 'summary', path: ['cart', 'summary'] } },
  timestamp: new Date().toISOString(),
  anonymousId: 'anon-1',
  ...overrides,
})
export const order = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ orderId: `o-${++counter}`, total: 12.5, express: true, tier: 'pro', items: [{ sku: 'a' }], ...overrides })

export const post = (collector: Collector, batch: unknown[]): Promise<Response> =>
  collector.handle(new Request('http://collector.test/collect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch }) }))

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)

const expectedTypes: Record<Dialect, string[]> = {
  postgres: ['text', 'double precision', 'boolean', 'text', 'jsonb', 'text'],
  duckdb: ['VARCHAR', 'DOUBLE', 'BOOLEAN', 'VARCHAR', 'JSON', 'VARCHAR'],
  clickhouse: ['Nullable(String)', 'Nullable(Float64)', 'Nullable(UInt8)', 'Nullable(String)', 'Nullable(String)', 'Nullable(String)'],
}

export function storeSuite(under: () => StoreUnderTest, closing: Array<() => unknown>): void {
  const collector = (store: WarehouseStore, logs: string[] = []): Collector => {
    const made = createCollector({ plan, store, log: (message) => logs.push(message) })
    closing.push(() => made.close())
    return made
  }
  const q = (sql: string, store: WarehouseStore): Promise<Record<string, unknown>[]> => store.query(sql)

  it('typed tables from a zod plan: one column per property, typed by its schema, and the event in both tables', async () => {
    const { open, columns, dialect } = under()
    const store = open()
    const sent = event('accept.order.completed', order({ orderId: 'o-typed', total: 99.25, express: false, items: [{ sku: 'x' }, { sku: 'y' }] }))
    expect((await post(collector(store), [sent])).status).toBe(200)

    const own = await columns('accept_order_completed')
    expect(own.map(([name]) => name)).toEqual(['id', 'timestamp', 'received_at', 'user_id', 'anonymous_id', 'page_name', 'page_type', 'page_category', 'section_name', 'order_id', 'total', 'express', 'tier', 'items', 'note'])
    expect(own.slice(-6).map(([, type]) => type)).toEqual(expectedTypes[dialect])
    const [row] = await q(`SELECT * FROM accept_order_completed WHERE id = '${sent.id}'`, store)
    expect(row).toMatchObject({ id: sent.id, order_id: 'o-typed', total: 99.25, tier: 'pro', page_name: 'checkout', section_name: 'summary', anonymous_id: 'anon-1', note: null })
    expect(Boolean(row!.express)).toBe(false)
    expect(json(row!.items)).toEqual([{ sku: 'x' }, { sku: 'y' }])
    const [all] = await q(`SELECT * FROM events WHERE id = '${sent.id}'`, store)
    expect(all).toMatchObject({ type: 'track', name: 'accept.order.completed', page_name: 'checkout', section_name: 'summary' })
    expect(json(all!.properties)).toEqual(sent.properties)
    expect(json(all!.section_path)).toEqual(['cart', 'summary'])
  })

  it('retried and concurrent batches, through two collectors on one database, store each event once', async () => {
    const { open, count } = under()
    const before = await count('events').catch(() => 0)
    const beforeOwn = await count('accept_order_completed').catch(() => 0)
    const one = collector(open())
    const two = collector(open())
    const batch = Array.from({ length: 50 }, (_, index) => event('accept.order.completed', order({ total: index })))
    const answers = await Promise.all([post(one, batch), post(two, batch), post(one, batch), post(two, batch)])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200])
    const retried = await post(one, [...batch.slice(0, 10), ...batch.slice(0, 10)])
    expect(retried.status).toBe(200)
    // Old and new ids in one batch: the new ones stored, the old ones not again.
    const mixed = await post(two, [...batch.slice(40), event('accept.order.completed', order()), event('accept.order.completed', order())])
    expect(mixed.status).toBe(200)
    if (under().dialect !== 'clickhouse') expect(await mixed.json()).toEqual(expect.objectContaining({ accepted: 2 }))
    const bodies = (await Promise.all([...answers, retried].map((answer) => answer.json()))) as { accepted: number; duplicates: number }[]
    expect(await count('events')).toBe(before + 52)
    expect(await count('accept_order_completed')).toBe(beforeOwn + 52)
    // Each answer counts what it added: together, every event once, the rest as duplicates.
    if (under().dialect !== 'clickhouse') expect(bodies.reduce((sum, { accepted }) => sum + accepted, 0)).toBe(50)
    expect(bodies.at(-1)).toEqual(expect.objectContaining({ accepted: 0 }))
  })

  it('invalid events are quarantined with their reasons, once per id, and the valid ones of the batch stored', async () => {
    const { open, count } = under()
    const store = open()
    const made = collector(store)
    const bad = event('accept.order.completed', { orderId: 'o-bad', total: 'a lot' })
    const unknown = event('order.teleported')
    const good = event('button.clicked')
    const noId = { ...event('button.clicked'), id: undefined }
    const before = await count('quarantine').catch(() => 0)
    for (let attempt = 0; attempt < 2; attempt++) expect((await post(made, [bad, unknown, good, noId])).status).toBe(200)
    expect(await count('quarantine')).toBe(before + 4) // bad and unknown once each; the id-less one each time
    const rows = await q(`SELECT id, name, reasons FROM quarantine WHERE id IN ('${bad.id}', '${unknown.id}') ORDER BY name`, store)
    expect(rows.map((row) => [row.id, row.name])).toEqual([
      [bad.id, 'accept.order.completed'],
      [unknown.id, 'order.teleported'],
    ])
    expect(json(rows[0]!.reasons)).toEqual(expect.arrayContaining([expect.stringContaining('total')]))
    expect(json(rows[1]!.reasons)).toEqual(['event "order.teleported" is not in the tracking plan'])
    expect((await q(`SELECT id FROM events WHERE id = '${good.id}'`, store)).length).toBe(1)
  })

  it('the plan grows: a new property adds a column, a changed type is said and its values kept in events.properties', async () => {
    const { open, columns } = under()
    const first = definePlan({ events: { 'plan.grew': { description: 'v1', properties: z.object({ size: z.number() }) } } })
    const grown = definePlan({ events: { 'plan.grew': { description: 'v2', properties: z.object({ size: z.string(), colour: z.string() }) } } })
    expect((await post(createCollector({ plan: first, store: open(first), log: () => {} }), [event('plan.grew', { size: 3 })])).status).toBe(200)
    const logs: string[] = []
    const store = open(grown, (message) => logs.push(message))
    const later = createCollector({ plan: grown, store, log: () => {} })
    closing.push(() => later.close())
    const sent = event('plan.grew', { size: 'large', colour: 'red' })
    expect((await post(later, [sent])).status).toBe(200)
    expect((await columns('plan_grew')).map(([name]) => name)).toEqual(expect.arrayContaining(['size', 'colour']))
    const [row] = await q(`SELECT size, colour FROM plan_grew WHERE id = '${sent.id}'`, store)
    expect(row).toEqual({ size: null, colour: 'red' })
    const [kept] = await q(`SELECT properties FROM events WHERE id = '${sent.id}'`, store)
    expect(json(kept!.properties)).toEqual({ size: 'large', colour: 'red' })
    expect(logs.join('\n')).toMatch(/plan_grew\.size is .* where the plan asks for .*values are kept in events\.properties/)
  })

  it('the report: per event and day, received and quarantined with reasons, planned but never seen, seen but not planned', async () => {
    const { open } = under()
    // Names of this run's own, so that a database shared by several runs of the suite holds only these under them.
    const r = `report${++counter}`
    const store = open(definePlan({ events: { [`${r}.a`]: { description: 'A' }, [`${r}.b`]: { description: 'B' }, [`${r}.never`]: { description: 'never sent' } } }))
    const stamped = (name: string, receivedAt: string, overrides: Partial<TrackedEvent> = {}): CollectedEvent => ({ ...event(name, {}, overrides), receivedAt })
    await store.write(
      [stamped(`${r}.a`, '2026-11-01T10:00:00.000Z'), stamped(`${r}.a`, '2026-11-01T23:59:59.000Z'), stamped(`${r}.a`, '2026-11-02T00:00:01.000Z'), stamped(`${r}.b`, '2026-11-02T08:00:00.000Z'), stamped(`${r}.stray`, '2026-11-02T09:00:00.000Z')],
      [
        { receivedAt: '2026-11-01T12:00:00.000Z', reasons: ['properties.x: Required'], event: event(`${r}.a`) },
        { receivedAt: '2026-11-01T12:00:00.000Z', reasons: ['properties.x: Required', 'section "s" is not in the tracking plan'], event: event(`${r}.a`) },
        { receivedAt: '2026-11-02T12:00:00.000Z', reasons: [`event "${r}.ghost" is not in the tracking plan`], event: event(`${r}.ghost`) },
      ],
    )
    const report = await planReport(store)
    const mine = report.days.filter(({ name }) => name.startsWith(`${r}.`))
    expect(mine).toEqual([
      { day: '2026-11-01', name: `${r}.a`, received: 2, quarantined: 2, reasons: { 'properties.x: Required': 2, 'section "s" is not in the tracking plan': 1 } },
      { day: '2026-11-02', name: `${r}.a`, received: 1, quarantined: 0, reasons: {} },
      { day: '2026-11-02', name: `${r}.b`, received: 1, quarantined: 0, reasons: {} },
      { day: '2026-11-02', name: `${r}.ghost`, received: 0, quarantined: 1, reasons: { [`event "${r}.ghost" is not in the tracking plan`]: 1 } },
      { day: '2026-11-02', name: `${r}.stray`, received: 1, quarantined: 0, reasons: {} },
    ])
    expect(report.plannedNotSeen).toContain(`${r}.never`)
    expect(report.plannedNotSeen).not.toContain(`${r}.a`)
    expect(report.seenNotPlanned).toEqual(expect.arrayContaining([`${r}.ghost`, `${r}.stray`]))
    expect(report.seenNotPlanned).not.toContain(`${r}.a`)
  })

  it('bad input never fails a batch: any string, NUL and lone surrogates included, is stored as sent (fast-check)', async () => {
    const { open } = under()
    const store = open()
    // What the collector hands the store, to compare with what the database gives back.
    const handed = new Map<string, CollectedEvent>()
    const write = store.write.bind(store)
    store.write = (accepted, quarantined) => {
      for (const event of accepted) handed.set(event.id, event)
      return write(accepted, quarantined)
    }
    const made = collector(store)
    // A lone surrogate is stored as U+FFFD, and so is NUL where the database cannot hold it: in
    // JSON, and in PostgreSQL's text.
    const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
    const storable = (text: string, nul: boolean): string => text.replace(loneSurrogate, '\ufffd').replace(/\u0000/g, nul ? '\u0000' : '\ufffd')
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), async (note, extra) => {
        const sent = event('button.clicked', { ...extra, note }, { userId: note === '' ? 'u' : note.slice(0, 100) })
        const answer = await post(made, [sent])
        expect(answer.status).toBe(200)
        const [row] = await store.query(`SELECT id, user_id, properties FROM events WHERE id = '${sent.id}'`)
        expect(row?.id).toBe(sent.id)
        const kept = handed.get(sent.id)!
        expect(row!.user_id).toBe(storable(kept.userId!, under().dialect !== 'postgres'))
        expect((json(row!.properties) as Record<string, unknown>).note).toBe(storable(kept.properties.note as string, false))
      }),
      // The strings that broke whole batches before, always tried: NUL and a lone surrogate, in a text column (the user id) and in JSON.
      { numRuns: 40, examples: [['a\u0000b', { k: 'x\u0000' }], ['\ud800', { '\udc00': '\ud800' }], ['tab\tnew\nline\\', {}], ['\\.', {}], ['\\N', {}]] },
    )
  }, 30_000)
}
