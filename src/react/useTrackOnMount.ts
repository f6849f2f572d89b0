import { useEffect, useRef } from 'react'
import type { TrackInput } from '../core.js'
import { useTracking } from './useTracking.js'

/**
 * Sends the event once when the component mounts (once under StrictMode too), with the page and
 * section of where it mounts. It leaves after the surrounding page's own page event.
 *
 * @example
 * function ChartLoaded({ chartType }: { chartType: string }) {
 *   useTrackOnMount({ name: EventName.CHART_LOADED, properties: { chartType } })
 *   return null
 * }
 */
export function useTrackOnMount(event: TrackInput): void {
  const { track } = useTracking()
  const sent = useRef(false)
  const latest = useRef(event)
  latest.current = event
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    // After this commit's other effects, so that a TrackPage around it sends its page event first;
    // with the event as it was when the component mounted.
    const event = latest.current
    queueMicrotask(() => track(event))
  }, [track])
}
