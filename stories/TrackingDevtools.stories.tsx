import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackingDevtools } from 'trackplan/devtools'
import { RunQueryButton } from './components/RunQueryButton'

const meta = {
  title: 'Tracking/TrackingDevtools',
  component: TrackingDevtools,
  args: { initialIsOpen: true },
  render: (args) => (
    <>
      <RunQueryButton />
      <TrackingDevtools {...args} />
    </>
  ),
} satisfies Meta<typeof TrackingDevtools>

export default meta

/** The floating panel, open: click Run query and the event appears in it (and in the Tracking panel). */
export const Open: StoryObj<typeof meta> = {}
