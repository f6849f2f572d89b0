import * as v from 'valibot'
import { createTracker, definePlan, memorySink, type StandardSchemaV1, type TrackingNotice } from 'trackplan/core'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

const plan = definePlan({
  events: {
    'query.run': { description: 'A query finished', properties: z.object({ rows: z.number().int(), cached: z.boolean().optional() }) },
    'chart.saved': { description: 'A chart was saved', properties: v.object({ chartType: v.picklist(['bar', 'line']) }) },
    'run_query_button.click': { description: 'The Run button was clicked' },
  },
  pages: { explorer: { description: 'Where queries are built' } },
  sections: { sidebar: { description: 'The left column' } },
  categories: { settings: { description: 'Settings pages' } },
})

function setup(validate: 'warn' | 'throw' | 'off' = 'warn') {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const sink = memorySink()
  const tracker = createTracker({ sinks: [sink], plan, validate, logLevel: 'warn' })
  const invalid: TrackingNotice[] = []
  tracker.subscribe((notice) => notice.type === 'invalid' && invalid.push(notice))
  const messages = () => warn.mock.calls.map((call) => String(call[0]))
  return { sink, tracker, invalid, messages }
}

describe('validation against the plan', () => {
  it('events that follow the plan pass without a word', () => {
    const { sink, tracker, messages } = setup('throw')
    tracker.track({ name: 'query.run', properties: { rows: 3 } })
    tracker.track({ name: 'chart.saved', properties: { chartType: 'bar' } })
    tracker.track({ name: 'run_query_button.click' }, { section: { name: 'sidebar', path: ['sidebar'] } })
    tracker.page({ name: 'explorer', category: 'settings' })
    expect(sink.events).toHaveLength(4)
    expect(messages()).toEqual([])
  })

  it('warn: an unknown event, bad properties (zod and valibot), unknown pages, sections and categories are reported, and still sent', () => {
    const { sink, tracker, invalid, messages } = setup()
    tracker.track({ name: 'query.ran' })
    tracker.track({ name: 'query.run', properties: { rows: 'many' } })
    tracker.track({ name: 'chart.saved', properties: { chartType: 'pie' } })
    tracker.track({ name: 'run_query_button.click' }, { section: { name: 'footer', path: ['sidebar', 'footer'] } })
    tracker.page({ name: 'welcome', category: 'billing' })
    expect(sink.events).toHaveLength(5)
    expect(messages()).toEqual([
      '[trackplan] track "query.ran": event "query.ran" is not in the tracking plan',
      '[trackplan] track "query.run": properties.rows: Invalid input: expected number, received string',
      expect.stringMatching(/^\[trackplan\] track "chart.saved": properties.chartType: Invalid type: Expected \("bar" \| "line"\) but received "pie"$/),
      '[trackplan] track "run_query_button.click": section "footer" is not in the tracking plan',
      '[trackplan] page "welcome": page "welcome" is not in the tracking plan; category "billing" is not in the tracking plan',
    ])
    expect(invalid).toHaveLength(5)
  })

  it('throw: a plan violation throws and nothing is sent', () => {
    const { sink, tracker } = setup('throw')
    expect(() => tracker.track({ name: 'query.run', properties: { rows: 1.5 } })).toThrow('track "query.run": properties.rows: Invalid input: expected int, received number')
    expect(() => tracker.page({ name: 'welcome' })).toThrow('page "welcome": page "welcome" is not in the tracking plan')
    expect(sink.events).toHaveLength(0)
  })

  it('off: the plan is not consulted', () => {
    const { sink, tracker, messages } = setup('off')
    tracker.track({ name: 'query.ran', properties: { rows: 'many' } })
    expect(sink.events).toHaveLength(1)
    expect(messages()).toEqual([])
  })

  it('an asynchronous schema reports its problems once it has validated', async () => {
    const asyncSchema: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (value) => ((value as { ok?: boolean }).ok ? { value } : { issues: [{ message: 'not ok', path: ['ok'] }] }),
      },
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const tracker = createTracker({ plan: definePlan({ events: { 'a.b': { description: '', properties: asyncSchema } } }), validate: 'warn', logLevel: 'warn' })
    const invalid: TrackingNotice[] = []
    tracker.subscribe((notice) => notice.type === 'invalid' && invalid.push(notice))
    tracker.track({ name: 'a.b', properties: { ok: false } })
    tracker.track({ name: 'a.b', properties: { ok: true } })
    await vi.waitFor(() => expect(invalid).toHaveLength(1))
    expect(warn).toHaveBeenCalledWith('[trackplan] track "a.b": properties.ok: not ok')
  })

  it('a plan that is not a plan is ignored with a message', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const sink = memorySink()
    createTracker({ sinks: [sink], plan: { pages: {} } as never, logLevel: 'warn' }).track({ name: 'a.b' })
    expect(sink.events).toHaveLength(1)
    expect(error).toHaveBeenCalledWith('[trackplan] plan must be an object with "events" (see definePlan); it was ignored')
  })
})
