import { Link, Outlet } from '@tanstack/react-router'
import { useCallback, type ReactNode } from 'react'
import { TrackSection, useTracking } from 'trackplan'
import { EventName, SectionName } from '../plan'

function CreateProjectButton(): ReactNode {
  const { track } = useTracking()
  const onClick = useCallback(() => track({ name: EventName.CREATE_PROJECT_BUTTON_CLICKED }), [track])
  return <button onClick={onClick}>Create project</button>
}

export function Layout(): ReactNode {
  return (
    <div className="layout">
      <TrackSection name={SectionName.PAGE_HEADER}>
        <header>
          <strong>trackplan demo</strong>
          <nav>
            <Link to="/">Welcome</Link>
            <Link to="/explorer">Explorer</Link>
          </nav>
        </header>
      </TrackSection>
      <main>
        <Outlet />
      </main>
      <TrackSection name={SectionName.PAGE_FOOTER}>
        <footer>
          <span>Every click here carries the footer section.</span>
          <CreateProjectButton />
        </footer>
      </TrackSection>
    </div>
  )
}
