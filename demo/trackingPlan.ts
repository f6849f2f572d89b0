// The demo's tracking plan with descriptions and property schemas: `npm run catalog` turns it into
// docs/tracking-plan.md, and the tracker validates events against it in development.
import { definePlan } from 'trackplan'
import { z } from 'zod'
import { CategoryName, EventName, PageName, SectionName } from './plan'

export const plan = definePlan({
  events: {
    [EventName.RUN_QUERY_BUTTON_CLICKED]: { description: 'The Run query button was clicked.' },
    [EventName.CREATE_PROJECT_BUTTON_CLICKED]: { description: 'The Create project button was clicked.' },
    [EventName.SETTINGS_BUTTON_CLICKED]: { description: 'The organization settings were opened.' },
    [EventName.SETTINGS_SAVED]: {
      description: 'The organization settings were saved.',
      properties: z.object({ seats: z.number().int().min(1).describe('Seats after saving') }),
    },
    [EventName.QUERY_RUN]: {
      description: 'A query finished. Its size is tracked, never its SQL.',
      properties: z.object({ rows: z.number().int().describe('Rows returned'), cached: z.boolean().describe('Served from the cache') }),
    },
  },
  pages: {
    [PageName.WELCOME]: { description: 'The first page after login.' },
    [PageName.EXPLORER]: { description: 'Where queries are built and run.' },
    [PageName.ORGANIZATION_SETTINGS]: { description: 'The organization settings modal.' },
  },
  sections: {
    [SectionName.PAGE_HEADER]: { description: 'The navigation bar.' },
    [SectionName.PAGE_FOOTER]: { description: 'The footer of every page.' },
    [SectionName.SIDEBAR]: { description: 'The explorer sidebar with the query controls.' },
  },
  categories: {
    [CategoryName.SETTINGS]: { description: 'Settings pages and modals.' },
  },
})
