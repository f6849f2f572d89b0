import type { Meta, StoryObj } from '@storybook/react-vite'
import { TrackImpression, TrackPage } from 'trackplan'
import { PageName } from '../demo/plan'
import { ChartTile } from './components/ChartTile'

const meta = {
  title: 'Tracking/Impressions',
  component: TrackImpression,
  args: { event: { name: 'upgrade_banner.viewed' }, dwellMs: 1000, children: null },
} satisfies Meta<typeof TrackImpression>

export default meta
type Story = StoryObj<typeof meta>

/** `useTrackOnMount`: one `chart_tile.loaded` per tile, after the page event, once under StrictMode too. */
export const OnMount: Story = {
  render: () => (
    <TrackPage name={PageName.EXPLORER}>
      <ChartTile chartType="bar" />
      <ChartTile chartType="line" />
    </TrackPage>
  ),
}

/** `<TrackImpression>`: scroll the banner into view and keep it there for a second. */
export const Impression: Story = {
  render: (args) => (
    <div style={{ height: 240, overflow: 'auto', border: '1px dashed #aaa' }}>
      <div style={{ height: 400, padding: 8 }}>Scroll down…</div>
      <TrackImpression {...args}>
        <div style={{ padding: 24, background: '#fff3cd' }}>Upgrade to Pro</div>
      </TrackImpression>
      <div style={{ height: 400 }} />
    </div>
  ),
}
