import { useMemo, type ReactNode } from 'react'
import type { Tracker } from '../core.js'
import { TrackingContext } from './TrackingContext.js'

/** The tracker the components inside use. */
export interface TrackingProviderProps {
  tracker: Tracker
  children?: ReactNode
}

/**
 * Makes a tracker available to `useTracking`, `TrackPage` and `TrackSection` below it.
 *
 * @example
 * const tracker = createTracker({ sinks: [consoleSink()] })
 * <TrackingProvider tracker={tracker}><App /></TrackingProvider>
 */
export function TrackingProvider({ tracker, children }: TrackingProviderProps): ReactNode {
  const scope = useMemo(() => ({ tracker, shown: {} }), [tracker])
  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
