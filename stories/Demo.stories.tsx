import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import { expectTracking, type TrackingParameters } from 'trackplan/storybook'
import { Explorer } from '../demo/pages/Explorer'
import { OrganizationSettingsModal } from '../demo/pages/OrganizationSettingsModal'
import { EventName, PageName } from '../demo/plan'

const meta = {
  title: 'Demo/Tracked components',
  parameters: { layout: 'fullscreen' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** The demo's settings modal: a modal TrackPage; Save tracks `organization_settings.saved` with the seats. */
export const OrganizationSettings: Story = {
  render: () => <OrganizationSettingsModal onClose={() => {}} />,
  parameters: {
    tracking: {
      expect: [
        { name: PageName.ORGANIZATION_SETTINGS, type: 'page' },
        { name: EventName.SETTINGS_SAVED, properties: { seats: expect.any(Number) } },
      ],
    } satisfies TrackingParameters,
  },
  play: async (context) => {
    await userEvent.click(within(context.canvasElement).getByRole('button', { name: 'Save' }))
    await expectTracking(context)
  },
}

/** The demo's explorer page as the router would show it: Run query tracks from the sidebar section. */
export const ExplorerPage: Story = {
  render: () => <Explorer />,
  parameters: { tracking: { page: { name: PageName.EXPLORER }, context: { app: 'storybook' } } satisfies TrackingParameters },
}
