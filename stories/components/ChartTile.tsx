import type { ReactNode } from 'react'
import { useTrackOnMount } from 'trackplan'

/** A tile that reports once that it loaded, like Lightdash's chart-load events. */
export function ChartTile({ chartType }: { chartType: string }): ReactNode {
  useTrackOnMount({ name: 'chart_tile.loaded', properties: { chartType } })
  return <div style={{ padding: 12, border: '1px solid #ccc', borderRadius: 6 }}>A {chartType} chart</div>
}
