// The example app's tracking plan, after seed 004 (Lightdash): enums, so a wrong name is a compile error.
export enum EventName {
  RUN_QUERY_BUTTON_CLICKED = 'run_query_button.click',
  CREATE_PROJECT_BUTTON_CLICKED = 'create_project_button.click',
  SETTINGS_BUTTON_CLICKED = 'settings_button.click',
  SETTINGS_SAVED = 'organization_settings.saved',
  QUERY_RUN = 'query.run',
}

export enum PageName {
  WELCOME = 'welcome',
  EXPLORER = 'explorer',
  ORGANIZATION_SETTINGS = 'organization_settings',
}

export enum SectionName {
  PAGE_HEADER = 'page_header',
  PAGE_FOOTER = 'page_footer',
  SIDEBAR = 'sidebar',
}

export enum CategoryName {
  SETTINGS = 'settings',
}
