import { useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react'
import { useTracker } from '../react.js'
import { devtoolsStore, type DevtoolsRow } from './devtoolsStore.js'
import { PanelBoundary } from './PanelBoundary.js'

/** Where the panel sits, and whether it starts open. */
export interface TrackingDevtoolsProps {
  /** Open the panel on first render. Default false. */
  initialIsOpen?: boolean
  position?: 'bottom-right' | 'bottom-left'
}

const colors: Record<string, string> = { queued: '#8a6d00', sent: '#17733a', retried: '#b35900', dropped: '#b3261e', failed: '#b3261e', skipped: '#555' }

const styles = {
  toggle: { font: '600 12px system-ui, sans-serif', padding: '6px 10px', borderRadius: 16, border: '1px solid #0003', background: '#1d2433', color: '#fff', cursor: 'pointer' },
  panel: { width: 'min(560px, 92vw)', maxHeight: '60vh', overflow: 'auto', background: '#fff', color: '#1d2433', border: '1px solid #0002', borderRadius: 8, boxShadow: '0 8px 24px #0003', font: '12px/1.45 system-ui, sans-serif', marginBottom: 8 },
  bar: { display: 'flex', gap: 8, padding: 8, borderBottom: '1px solid #0001', position: 'sticky', top: 0, background: '#fff' },
  row: { padding: '6px 8px', borderBottom: '1px solid #0001' },
  code: { font: '11px ui-monospace, monospace', color: '#444', wordBreak: 'break-all' },
} satisfies Record<string, CSSProperties>

function Row({ row }: { row: DevtoolsRow }): ReactNode {
  return (
    <li style={styles.row} data-event-name={row.name}>
      <div>
        <strong>{row.name}</strong> <span style={{ color: '#666' }}>{row.type}</span>
        {row.page && <span> · {row.page}</span>}
        {row.section && <span> · {row.section}</span>}
      </div>
      {row.properties && <div style={styles.code}>{row.properties}</div>}
      {row.problems.map((problem) => (
        <div key={problem} role="note" style={{ color: '#b35900' }}>⚠ {problem}</div>
      ))}
      <div>
        {Object.entries(row.deliveries).map(([sink, { state, detail }]) => (
          <span key={sink} style={{ color: colors[state], marginRight: 10 }} title={detail}>
            {sink}: {state}{detail ? ` (${detail})` : ''}
          </span>
        ))}
      </div>
    </li>
  )
}

/**
 * A floating panel that lists the tracker's events live: name, type, page, section path,
 * properties, validation warnings, and what each sink did with them. Collapsed by default.
 * A separate entry: nothing of it is bundled unless imported.
 *
 * @example
 * <TrackingProvider tracker={tracker}>
 *   <App />
 *   {import.meta.env.DEV && <TrackingDevtools />}
 * </TrackingProvider>
 */
export function TrackingDevtools({ initialIsOpen = false, position = 'bottom-right' }: TrackingDevtoolsProps): ReactNode {
  const tracker = useTracker()
  const [open, setOpen] = useState(initialIsOpen)
  const [filter, setFilter] = useState('')
  const store = tracker ? devtoolsStore(tracker) : undefined
  const rows = useSyncExternalStore(store?.subscribe ?? noSubscribe, store?.rows ?? noRows, store?.rows ?? noRows)
  if (!store) return null
  const shown = filter ? rows.filter((row) => row.name.toLowerCase().includes(filter.toLowerCase())) : rows
  const side = position === 'bottom-left' ? { left: 12 } : { right: 12 }
  return (
    <div style={{ position: 'fixed', bottom: 12, zIndex: 2147483000, ...side, display: 'flex', flexDirection: 'column', alignItems: position === 'bottom-left' ? 'flex-start' : 'flex-end' }}>
      {open && (
        <section aria-label="Tracking events" style={styles.panel}>
          <div style={styles.bar}>
            <input aria-label="Filter by name" placeholder="Filter by name" value={filter} onChange={(event) => setFilter(event.target.value)} style={{ flex: 1 }} />
            <button type="button" onClick={store.clear}>Clear</button>
          </div>
          <PanelBoundary>
            {shown.length === 0 ? <p style={{ padding: 8, margin: 0 }}>No events yet.</p> : <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>{shown.map((row) => <Row key={row.id} row={row} />)}</ol>}
          </PanelBoundary>
        </section>
      )}
      <button type="button" aria-expanded={open} aria-label="Tracking devtools" style={styles.toggle} onClick={() => setOpen(!open)}>
        Tracking · {rows.length}
      </button>
    </div>
  )
}

const empty: readonly DevtoolsRow[] = []
const noRows = (): readonly DevtoolsRow[] => empty
const noSubscribe = (): (() => void) => () => {}
