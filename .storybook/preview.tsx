import type { Preview } from '@storybook/react-vite'
import { TrackingPreview } from '../stories/support/TrackingPreview'

const preview: Preview = {
  decorators: [
    (Story) => (
      <TrackingPreview>
        <Story />
      </TrackingPreview>
    ),
  ],
  parameters: { layout: 'padded' },
}

export default preview
