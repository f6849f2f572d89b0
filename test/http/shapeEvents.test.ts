// @vitest-environment node
import fc from 'fast-check'
import { createTracker, type TrackedEvent } from 'trackplan/core'
import { httpSink, shapeEvents } from 'trackplan/http'
import { expect, it, vi } from 'vitest'
import { startCollector } from './collector'

const event = (name: string, properties: Record<string, unknown> = {}, type: TrackedEvent['type'] = 'track'): TrackedEvent => ({
  id: 'e1',
  type,
  name,
  properties,
  context: { page: { name: 'home', type: 'page' } },
  timestamp: '2026-12-03T10:00:00.000Z',
  anonymousId: 'a1',
})

it('names: a casing, then a prefix, on track events only; a function that fails keeps the name and says so once', () => {
  const cases = (name: string) =>
    (['snake_case', 'camelCase', 'kebab-case', 'Title Case'] as const).map((casing) => shapeEvents({ eventName: { case: casing, prefix: 'web.' } }).apply(event(name)).name)
  expect(cases('run_query_button.clicked')).toEqual(['web.run_query_button_clicked', 'web.runQueryButtonClicked', 'web.run-query-button-clicked', 'web.Run Query Button Clicked'])
  expect(cases('RunQuery clicked')).toEqual(['web.run_query_clicked', 'web.runQueryClicked', 'web.run-query-clicked', 'web.Run Query Clicked'])
  expect(shapeEvents({ eventName: { prefix: 'web.' } }).apply(event('home', {}, 'page')).name).toBe('home')
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const failing = shapeEvents({
    eventName: () => {
      throw new Error('boom')
    },
  })
  expect([failing.apply(event('a.b')).name, failing.apply(event('c.d')).name]).toEqual(['a.b', 'c.d'])
  expect(error.mock.calls).toEqual([['[trackplan] shapeEvents: eventName gave no name for "a.b" (Error: boom); sent as "a.b"']])
  error.mockRestore()
})

it('properties renamed or moved into the context; the app context is under the event’s own', () => {
  const shape = shapeEvents({ properties: { queryId: 'properties.query_id', plan: 'context.plan' }, context: { app: { name: 'webapp' }, page: 'never over the event’s' } })
  const shaped = shape.apply(event('query.run', { queryId: 'q1', plan: 'pro', rows: 3 }))
  expect(shaped.properties).toEqual({ query_id: 'q1', rows: 3 })
  expect(shaped.context).toEqual({ app: { name: 'webapp' }, page: { name: 'home', type: 'page' }, plan: 'pro' })
  expect(shape.problems).toEqual([])
})

it('checked at creation: each mistake is named, and an httpSink given it keeps its events unsent and says why', async () => {
  const shape = shapeEvents({ eventName: { case: 'SHOUTING' as never }, properties: { a: 'x' as never, b: 'properties.c', d: 'properties.c', e: 'context.page', f: 'properties.__proto__', ['__proto__']: 'properties.g' }, context: [] as never })
  expect(shape.problems).toEqual([
    'eventName.case must be one of snake_case, camelCase, kebab-case, Title Case, got "SHOUTING"',
    'properties.a: the target must start with "properties." or "context.", got "x"',
    'properties.d: properties.c is the target of another property too',
    "properties.e: context.page cannot be written (it is the event's own, or an object's prototype)",
    "properties.f: properties.__proto__ cannot be written (it is the event's own, or an object's prototype)",
    "properties.__proto__: properties.g cannot be written (it is the event's own, or an object's prototype)",
    'context must be an object',
  ])
  const collector = await startCollector()
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const sink = httpSink({ url: `${collector.url}/collect`, storage: 'memory', shape })
  const tracker = createTracker({ sinks: [sink], identityStorage: false, logLevel: 'error' })
  tracker.track({ name: 'query.run' })
  expect(await tracker.flush({ timeoutMs: 200 })).toEqual({ delivered: 0, dropped: 0, pending: 1 })
  expect(collector.requests).toEqual([])
  expect(error.mock.calls.flat().join('\n')).toContain('httpSink "http": shape: eventName.case must be one of')
  error.mockRestore()
  sink.close()
  await collector.close()
})

it('a move onto a place already taken overwrites nothing: the property stays, and that is said once', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const shape = shapeEvents({ properties: { id: 'properties.query_id' } })
  expect(shape.apply(event('query.run', { id: 'q1', query_id: 'kept' })).properties).toEqual({ id: 'q1', query_id: 'kept' })
  shape.apply(event('query.run', { id: 'q2', query_id: 'kept' }))
  expect(error.mock.calls).toEqual([['[trackplan] shapeEvents: properties.query_id is taken on "query.run", so properties.id stays where it is']])
  error.mockRestore()
})

it('fuzzed: any options give a shape without throwing, and any event keeps every property value, moved or not', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'page', 'section', 'toString'))
  fc.assert(
    fc.property(fc.anything(), fc.dictionary(key, fc.jsonValue()), fc.dictionary(key, fc.oneof(key.map((to) => `properties.${to}`), key.map((to) => `context.${to}`))), (options, properties, moves) => {
      expect(() => shapeEvents(options as never)).not.toThrow()
      const shape = shapeEvents({ properties: moves as never, context: { app: 'webapp' } })
      if (shape.problems.length > 0) return
      const shaped = shape.apply(event('query.run', properties))
      const values = [...Object.values(shaped.properties), ...Object.values(shaped.context)].map((value) => JSON.stringify(value))
      for (const value of Object.values(properties)) expect(values).toContain(JSON.stringify(value))
    }),
    { numRuns: 1000 },
  )
  error.mockRestore()
})
