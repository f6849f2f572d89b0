import type { Page } from 'playwright-core'

/** Opens a story in the Storybook UI at `url` and shows its Tracking panel. */
export async function openTrackingPanel(page: Page, url: string, storyId: string): Promise<void> {
  await page.goto(`${url}/?path=/story/${storyId}`)
  await page.getByRole('tab', { name: /Tracking/ }).click()
}

/** The rows of the Tracking panel as a user reads them: the cells of each row, joined by ' | '. */
export const panelRows = (page: Page): Promise<string[]> =>
  page
    .getByRole('table', { name: 'Tracked events' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent).join(' | ')))

/** The story's canvas, inside the preview iframe. */
export const canvas = (page: Page) => page.frameLocator('#storybook-preview-iframe')
