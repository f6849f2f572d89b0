import { useCallback, type ReactNode } from 'react'
import { useTracking } from 'trackplan'
import { EventName } from '../../demo/plan'

/** The tracked button of seed 004: a click handler that tracks, then does its own work. */
export function RunQueryButton({ onRun }: { onRun?: () => void }): ReactNode {
  const { track } = useTracking()
  const onClick = useCallback(() => {
    onRun?.()
    track({ name: EventName.RUN_QUERY_BUTTON_CLICKED })
  }, [track, onRun])
  return (
    <button type="button" onClick={onClick}>
      Run query
    </button>
  )
}
