import { useCallback, useState, type ReactNode } from 'react'
import { TrackSection, useTracking } from 'trackplan'
import { EventName, SectionName } from '../plan'

/** useTracking() is called inside the section, so its events carry the section. */
function RunQueryButton({ onResult }: { onResult: (rows: number) => void }): ReactNode {
  const { track } = useTracking()
  const runQuery = useCallback(() => {
    track({ name: EventName.RUN_QUERY_BUTTON_CLICKED })
    const rows = 10 + Math.floor(Math.random() * 90)
    onResult(rows)
    // What we track about the query: how big the result was, never the SQL itself (seed 004).
    track({ name: EventName.QUERY_RUN, properties: { rows, cached: false } })
  }, [track, onResult])
  return <button onClick={runQuery}>Run query</button>
}

export function Explorer(): ReactNode {
  const [rows, setRows] = useState<number | null>(null)
  return (
    <section>
      <h1>Explorer</h1>
      <TrackSection name={SectionName.SIDEBAR}>
        <aside>
          <RunQueryButton onResult={setRows} />
        </aside>
      </TrackSection>
      <p>{rows === null ? 'No results yet.' : `${rows} rows.`}</p>
    </section>
  )
}
