import { useCallback, useState, type ReactNode } from 'react'
import { PageType, TrackPage, useTracking } from 'trackplan'
import { CategoryName, EventName, PageName } from '../plan'

function SettingsForm({ onClose }: { onClose: () => void }): ReactNode {
  const { track } = useTracking()
  const [seats, setSeats] = useState(5)
  const save = useCallback(() => {
    track({ name: EventName.SETTINGS_SAVED, properties: { seats } })
    onClose()
  }, [track, seats, onClose])
  return (
    <>
      <label>
        Seats <input type="number" value={seats} onChange={(event) => setSeats(Number(event.target.value))} />
      </label>
      <div className="actions">
        <button onClick={save}>Save</button>
        <button onClick={onClose}>Close</button>
      </div>
    </>
  )
}

/** A modal page, as seed 004 describes it: its own page event, and its own page context inside. */
export function OrganizationSettingsModal({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <div className="backdrop">
      <div role="dialog" aria-label="Organization settings" className="modal">
        <TrackPage name={PageName.ORGANIZATION_SETTINGS} type={PageType.MODAL} category={CategoryName.SETTINGS}>
          <h2>Organization settings</h2>
          <SettingsForm onClose={onClose} />
        </TrackPage>
      </div>
    </div>
  )
}
