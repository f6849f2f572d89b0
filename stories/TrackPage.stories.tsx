import type { Meta, StoryObj } from '@storybook/react-vite'
import { PageType, TrackPage } from 'trackplan'
import { CategoryName, PageName } from '../demo/plan'
import { RunQueryButton } from './components/RunQueryButton'

const meta = {
  title: 'Tracking/TrackPage',
  component: TrackPage,
  args: { name: PageName.WELCOME, children: <RunQueryButton /> },
} satisfies Meta<typeof TrackPage>

export default meta
type Story = StoryObj<typeof meta>

/** A page: one page event on mount; clicks inside carry the page as context. */
export const Page: Story = {}

/** A modal page, as seed 004 sets it up: `type` and `category`. */
export const Modal: Story = {
  args: { name: PageName.ORGANIZATION_SETTINGS, type: PageType.MODAL, category: CategoryName.SETTINGS },
}
