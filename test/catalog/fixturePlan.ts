import * as v from 'valibot'
import { z } from 'zod'
import { definePlan } from '../../src/core'

export const plan = definePlan({
  events: {
    'query.run': {
      description: 'A query finished | with rows',
      properties: z.object({ rows: z.number().int().describe('Rows returned'), warehouse: z.enum(['bigquery', 'postgres']), cached: z.boolean().optional() }),
    },
    'chart.saved': { description: 'A chart was saved', properties: v.object({ chartType: v.string() }) },
    'run_query_button.click': { description: 'The Run button was clicked' },
  },
  pages: { explorer: { description: 'Where queries are built' } },
  sections: { sidebar: { description: 'The left column' } },
})

export const notAPlan = { pages: {} }
