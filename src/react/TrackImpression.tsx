import type { ReactNode } from 'react'
import type { TrackInput } from '../core.js'
import { useTrackImpression, type ImpressionOptions } from './useTrackImpression.js'

/** The event to track when the element is seen, the element's children and its class. */
export interface TrackImpressionProps extends ImpressionOptions {
  event: TrackInput
  children?: ReactNode
  className?: string
}

/**
 * Wraps its children in a `<div>` and sends `event` once when it has been visible long enough
 * (see `useTrackImpression`).
 *
 * @example
 * <TrackImpression event={{ name: EventName.UPGRADE_BANNER_VIEWED }} dwellMs={2000}>
 *   <UpgradeBanner />
 * </TrackImpression>
 */
export function TrackImpression({ event, children, className, ...options }: TrackImpressionProps): ReactNode {
  const ref = useTrackImpression<HTMLDivElement>(event, options)
  return (
    <div ref={ref} className={className}>
      {children}
    </div>
  )
}
