import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackPage, TrackSection } from 'trackplan'
import { PageName, SectionName } from '../demo/plan'
import { RunQueryButton } from './components/RunQueryButton'

const meta = {
  title: 'Tracking/TrackSection',
  component: TrackSection,
  args: { name: SectionName.PAGE_FOOTER, children: <RunQueryButton /> },
  decorators: [(Story) => <TrackPage name={PageName.EXPLORER}><Story /></TrackPage>],
} satisfies Meta<typeof TrackSection>

export default meta
type Story = StoryObj<typeof meta>

/** The footer section of seed 004: the click carries `section: { name: 'page_footer', path: ['page_footer'] }`. */
export const Footer: Story = {}

/** Sections nest: the path lists them outermost first. */
export const Nested: Story = {
  args: {
    name: SectionName.SIDEBAR,
    children: (
      <TrackSection name={SectionName.PAGE_FOOTER}>
        <RunQueryButton />
      </TrackSection>
    ),
  },
}
