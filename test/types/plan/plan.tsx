// Type tests, checked by `tsc -p test/types/plan` in `npm test`: a plan registered as
// `Register['plan']` types names and properties without writing them twice.
import { createTracker, definePlan, TrackPage, TrackSection } from 'trackplan'
import { z } from 'zod'

export const plan = definePlan({
  events: {
    'query.run': { description: 'A query finished', properties: z.object({ rows: z.number(), cached: z.boolean().optional() }) },
    'run_query_button.click': { description: 'The Run button was clicked' },
  },
  pages: { explorer: { description: 'Where queries are built' } },
  sections: { sidebar: { description: 'The left column' } },
})

declare module 'trackplan' {
  interface Register {
    plan: typeof plan
  }
}

const tracker = createTracker({ plan })
tracker.track({ name: 'query.run', properties: { rows: 3 } })
tracker.track({ name: 'run_query_button.click' })
tracker.track({ name: 'run_query_button.click', properties: { anything: true } })
tracker.page({ name: 'explorer' })
// @ts-expect-error not in the plan
tracker.track({ name: 'query.ran' })
// @ts-expect-error properties come from the zod schema: rows is required
tracker.track({ name: 'query.run', properties: { cached: true } })
// @ts-expect-error and is a number
tracker.track({ name: 'query.run', properties: { rows: '3' } })
// @ts-expect-error not a page of the plan
tracker.page({ name: 'welcome' })

export const Page = () => (
  <TrackPage name="explorer">
    <TrackSection name="sidebar">ok</TrackSection>
    {/* @ts-expect-error not a section of the plan */}
    <TrackSection name="footer">x</TrackSection>
  </TrackPage>
)
