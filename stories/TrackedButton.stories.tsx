import type { Meta, StoryObj } from '@storybook/react-vite'
import { RunQueryButton } from './components/RunQueryButton'

const meta = {
  title: 'Tracking/Tracked button',
  component: RunQueryButton,
} satisfies Meta<typeof RunQueryButton>

export default meta

/** Click the button: a `run_query_button.click` event appears in the list below. */
export const RunQuery: StoryObj<typeof meta> = {}
