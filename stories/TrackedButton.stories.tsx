import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { expectTracking } from 'trackplan/storybook'
import { EventName, PageName, SectionName } from '../demo/plan'
import { RunQueryButton } from './components/RunQueryButton'

const meta = {
  title: 'Tracking/Tracked button',
  component: RunQueryButton,
} satisfies Meta<typeof RunQueryButton>

export default meta
type Story = StoryObj<typeof meta>

/** Click the button: a `run_query_button.click` event appears in the Tracking panel. */
export const RunQuery: Story = {}

/** `parameters.tracking` renders it as if in the explorer's footer; the play function checks what it fired. */
export const InFooter: Story = {
  parameters: {
    tracking: {
      page: { name: PageName.EXPLORER },
      section: SectionName.PAGE_FOOTER,
      expect: [PageName.EXPLORER, { name: EventName.RUN_QUERY_BUTTON_CLICKED, type: 'track' }],
    },
  },
  play: async (context) => {
    await userEvent.click(within(context.canvasElement).getByRole('button', { name: 'Run query' }))
    await expectTracking(context)
  },
}
