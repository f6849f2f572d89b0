import { useCallback, useState, type ReactNode } from 'react'
import { useTracking } from 'trackplan'
import { EventName } from '../plan'
import { OrganizationSettingsModal } from './OrganizationSettingsModal'

export function Welcome(): ReactNode {
  const { track } = useTracking()
  const [settingsOpen, setSettingsOpen] = useState(false)
  const openSettings = useCallback(() => {
    track({ name: EventName.SETTINGS_BUTTON_CLICKED })
    setSettingsOpen(true)
  }, [track])
  return (
    <section>
      <h1>Welcome</h1>
      <p>
        This page was tracked by the router as <code>welcome</code>. Open the <em>Tracking</em> panel (bottom right) to
        watch events arrive, and the dev collector at <a href="/__trackplan/collect">/__trackplan/collect</a> to see what
        it received.
      </p>
      <button onClick={openSettings}>Organization settings</button>
      {settingsOpen && <OrganizationSettingsModal onClose={() => setSettingsOpen(false)} />}
    </section>
  )
}
