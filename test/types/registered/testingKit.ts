// Type tests of the testing kit and the Storybook helpers under a Register: a misspelt name, or a
// wrong property, in any matcher, in expectTracking or in parameters.tracking is a compile error.
import 'trackplan/testing/setup'
import { expectTracking, type TrackingParameters } from 'trackplan/storybook'
import { createTestTracker, type ExpectedEvent } from 'trackplan/testing'
import { expect } from 'vitest'
import { EventName, PageName, SectionName } from '../../../demo/plan'

const tracker = createTestTracker()

expect(tracker).toHaveTracked(EventName.QUERY_RUN)
expect(tracker).toHaveTracked(EventName.QUERY_RUN, { rows: 3 })
expect(tracker).toHaveTracked(EventName.QUERY_RUN, { rows: expect.any(Number) })
expect(tracker).toHaveTracked(EventName.QUERY_RUN, expect.objectContaining({ rows: 3 }))
expect(tracker).toHaveTracked(EventName.RUN_QUERY_BUTTON_CLICKED, { anything: 'goes' })
// @ts-expect-error misspelt event name
expect(tracker).toHaveTracked('query.runn')
// @ts-expect-error the string of an enum member is not the member
expect(tracker).toHaveTracked('query.run')
// @ts-expect-error a property the event does not have
expect(tracker).toHaveTracked(EventName.QUERY_RUN, { rowz: 3 })
// @ts-expect-error a property of the wrong type
expect(tracker).toHaveTracked(EventName.QUERY_RUN, { rows: '3' })

expect(tracker).toHaveTrackedOnce(EventName.QUERY_RUN, { cached: true })
// @ts-expect-error misspelt event name
expect(tracker).toHaveTrackedOnce('query.rn')
expect(tracker).toHaveTrackedTimes(EventName.QUERY_RUN, 2, { rows: 1 })
// @ts-expect-error a property of the wrong type
expect(tracker).toHaveTrackedTimes(EventName.QUERY_RUN, 2, { cached: 'yes' })
expect(tracker).toHaveTrackedWith(EventName.QUERY_RUN, { rows: 1, cached: false })
// @ts-expect-error whole properties: a required one is missing
expect(tracker).toHaveTrackedWith(EventName.QUERY_RUN, { cached: false })

expect(tracker).toHaveTrackedPage(PageName.EXPLORER)
expect(tracker).toHaveTrackedPageTimes(PageName.EXPLORER, 1)
// @ts-expect-error misspelt page name
expect(tracker).toHaveTrackedPage('explorr')
// @ts-expect-error a section is not a page
expect(tracker).toHaveTrackedPage(SectionName.SIDEBAR)

expect(tracker).toHaveTrackedInOrder([PageName.EXPLORER, EventName.QUERY_RUN, { name: EventName.QUERY_RUN, properties: { rows: 3 } }, { name: PageName.WELCOME, type: 'page' }])
// @ts-expect-error misspelt name in the list
expect(tracker).toHaveTrackedInOrder([PageName.EXPLORER, 'query.rn'])
// @ts-expect-error a wrong property in the list
expect(tracker).toHaveTrackedInOrder([{ name: EventName.QUERY_RUN, properties: { rows: 'many' } }])

const context = { id: 'story', parameters: {} }
void expectTracking(context, [PageName.EXPLORER, { name: EventName.QUERY_RUN, properties: { rows: expect.any(Number) } }])
// @ts-expect-error misspelt name
void expectTracking(context, ['explorr'])
// @ts-expect-error a wrong property
void expectTracking(context, [{ name: EventName.QUERY_RUN, properties: { sql: 'select 1' } }])

export const parameters = {
  tracking: { page: { name: PageName.EXPLORER }, section: SectionName.SIDEBAR, expect: [PageName.EXPLORER, EventName.QUERY_RUN] } satisfies TrackingParameters,
}
export const misspelt = {
  // @ts-expect-error misspelt name in parameters.tracking.expect
  tracking: { expect: ['query.rn'] } satisfies TrackingParameters,
}
export const wrongSection = {
  // @ts-expect-error misspelt section in parameters.tracking
  tracking: { section: 'sidebr' } satisfies TrackingParameters,
}

export const list: ExpectedEvent[] = [EventName.SETTINGS_SAVED]
