// Type tests, checked by `tsc -p test/types/registered` in `npm test`: a registered plan makes
// every wrong name, and every wrong or missing property, a compile error.
import { createTracker, PageType, TrackPage, TrackSection, useTracking } from 'trackplan'
import { CategoryName, EventName, PageName, SectionName } from '../../../demo/plan'

declare module 'trackplan' {
  interface Register {
    eventName: EventName
    pageName: PageName
    sectionName: SectionName
    categoryName: CategoryName
    eventProperties: { [EventName.QUERY_RUN]: { rows: number; cached?: boolean } }
  }
}

const tracker = createTracker()

// Events
tracker.track({ name: EventName.RUN_QUERY_BUTTON_CLICKED })
tracker.track({ name: EventName.RUN_QUERY_BUTTON_CLICKED, properties: { free: 'form' } })
tracker.track({ name: EventName.QUERY_RUN, properties: { rows: 3 } })
tracker.track({ name: EventName.QUERY_RUN, properties: { rows: 3, cached: true } })
// @ts-expect-error not in the enum
tracker.track({ name: 'run_query_button.clicked' })
// @ts-expect-error the enum's value as a plain string is not the enum
tracker.track({ name: 'query.run', properties: { rows: 1 } })
// @ts-expect-error registered properties are required
tracker.track({ name: EventName.QUERY_RUN })
// @ts-expect-error a required property is missing
tracker.track({ name: EventName.QUERY_RUN, properties: { cached: true } })
// @ts-expect-error a property of the wrong type
tracker.track({ name: EventName.QUERY_RUN, properties: { rows: '3' } })
// @ts-expect-error a property the plan does not have
tracker.track({ name: EventName.QUERY_RUN, properties: { rows: 3, sql: 'select 1' } })

// Pages and categories
tracker.page({ name: PageName.WELCOME })
tracker.page({ name: PageName.ORGANIZATION_SETTINGS, type: PageType.MODAL, category: CategoryName.SETTINGS })
// @ts-expect-error not a PageName
tracker.page({ name: 'welcom' })
// @ts-expect-error not a CategoryName
tracker.page({ name: PageName.WELCOME, category: 'setting' })

export function Components(): React.ReactNode {
  const { track } = useTracking()
  track({ name: EventName.CREATE_PROJECT_BUTTON_CLICKED })
  // @ts-expect-error not in the enum
  track({ name: 'create_project.click' })
  // @ts-expect-error registered properties are required through the hook too
  track({ name: EventName.QUERY_RUN })
  return (
    <>
      <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
        <TrackSection name={SectionName.PAGE_FOOTER}>ok</TrackSection>
      </TrackPage>
      {/* @ts-expect-error not a PageName */}
      <TrackPage name="welcome_page">x</TrackPage>
      {/* @ts-expect-error not a SectionName */}
      <TrackSection name="footer">x</TrackSection>
      {/* @ts-expect-error not a CategoryName */}
      <TrackPage name={PageName.WELCOME} category="billing">x</TrackPage>
    </>
  )
}
