// Registers the demo's plan with trackplan: from here on, names outside the enums do not compile.
import type { CategoryName, EventName, PageName, SectionName } from './plan'

declare module 'trackplan' {
  interface Register {
    eventName: EventName
    pageName: PageName
    sectionName: SectionName
    categoryName: CategoryName
    eventProperties: {
      [EventName.QUERY_RUN]: { rows: number; cached: boolean }
      [EventName.SETTINGS_SAVED]: { seats: number }
    }
  }
}
