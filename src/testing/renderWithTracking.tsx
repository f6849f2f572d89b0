import { render, type RenderOptions, type RenderResult } from '@testing-library/react'
import { StrictMode, type ReactElement, type ReactNode } from 'react'
import type { PageInput, RegisteredSectionName } from '../core.js'
import { TrackingProvider, TrackPage, TrackSection } from '../react.js'
import { createTestTracker, type TestTracker } from './createTestTracker.js'

/** Testing Library's render options, with the tracker, a page and sections to render inside, and strict checks. */
export interface RenderWithTrackingOptions extends Omit<RenderOptions, 'wrapper'> {
  /** Default: a new `createTestTracker()`. */
  tracker?: TestTracker
  /** Render as if inside this page (its page event is tracked too). */
  page?: PageInput
  /** Render as if inside these sections, outermost first. */
  sections?: RegisteredSectionName[]
  /** Render under React.StrictMode. Default true. */
  strict?: boolean
}

/**
 * Testing Library's `render` inside a TrackingProvider with a test tracker, optionally inside a page
 * and sections.
 *
 * @example
 * const { tracker } = renderWithTracking(<RunQueryButton />, { page: { name: PageName.EXPLORER } })
 * await userEvent.click(screen.getByRole('button'))
 * expect(tracker).toHaveTracked(EventName.RUN_QUERY_BUTTON_CLICKED)
 */
export function renderWithTracking(
  ui: ReactElement,
  { tracker = createTestTracker(), page, sections = [], strict = true, ...options }: RenderWithTrackingOptions = {},
): RenderResult & { tracker: TestTracker } {
  const Wrapper = ({ children }: { children: ReactNode }): ReactNode => {
    let tree = sections.reduceRight<ReactNode>((inner, name) => <TrackSection name={name}>{inner}</TrackSection>, children)
    if (page) tree = <TrackPage {...page}>{tree}</TrackPage>
    tree = <TrackingProvider tracker={tracker}>{tree}</TrackingProvider>
    return strict ? <StrictMode>{tree}</StrictMode> : tree
  }
  return { ...render(ui, { ...options, wrapper: Wrapper }), tracker }
}
