import { createElement as h, useSyncExternalStore, type ReactNode } from 'react'
import { AddonPanel, Badge } from 'storybook/internal/components'
import { addons, types, useStorybookState } from 'storybook/manager-api'
import { PanelBoundary, type DevtoolsRow } from '../devtools/internal.js'
import { ROWS_EVENT } from './storyTrackers.js'

const ADDON_ID = 'trackplan'
const PANEL_ID = `${ADDON_ID}/panel`

// Rows by story id, kept from the moment the manager starts, whether the panel is open or not.
const rowsByStory = new Map<string, readonly DevtoolsRow[]>()
const listeners = new Set<() => void>()
let version = 0
const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const getVersion = (): number => version

const cell = { padding: '4px 8px', borderBottom: '1px solid rgba(0,0,0,.08)', verticalAlign: 'top', textAlign: 'left' } as const
const code = { ...cell, fontFamily: 'ui-monospace, monospace', fontSize: 11, wordBreak: 'break-all' } as const

function Row({ row }: { row: DevtoolsRow }): ReactNode {
  const validation = row.problems.length === 0 ? 'valid' : row.problems.map((problem) => `⚠ ${problem}`).join('\n')
  return h(
    'tr',
    { 'data-event-name': row.name },
    h('td', { style: cell }, h('strong', null, row.name)),
    h('td', { style: cell }, row.type),
    h('td', { style: cell }, row.page),
    h('td', { style: cell }, row.section),
    h('td', { style: code }, row.properties),
    h('td', { style: { ...cell, whiteSpace: 'pre-line', color: row.problems.length === 0 ? '#17733a' : '#b35900' } }, validation),
  )
}

/** The rows of the story on screen, re-rendering as they change. */
function useStoryRows(): readonly DevtoolsRow[] {
  useSyncExternalStore(subscribe, getVersion)
  const { storyId } = useStorybookState()
  return rowsByStory.get(storyId) ?? []
}

/** The tab's title, with the number of events the story tracked, as the Actions tab counts actions. */
function TrackingTitle(): ReactNode {
  const count = useStoryRows().length
  return h('span', { style: { display: 'inline-flex', alignItems: 'center', gap: 6 } }, 'Tracking', count > 0 ? h(Badge, { status: 'neutral' }, count) : null)
}

function TrackingPanel(): ReactNode {
  const rows = useStoryRows()
  if (rows.length === 0) return h('p', { style: { padding: 12, margin: 0 } }, 'No events tracked by this story yet.')
  return h(
    'table',
    { 'aria-label': 'Tracked events', style: { width: '100%', borderCollapse: 'collapse', fontSize: 12 } },
    h('thead', null, h('tr', null, ...['Name', 'Type', 'Page', 'Section', 'Properties', 'Validation'].map((title) => h('th', { key: title, style: cell }, title)))),
    h('tbody', null, ...rows.map((row) => h(Row, { key: row.id, row }))),
  )
}

addons.register(ADDON_ID, (api) => {
  api.getChannel()?.on(ROWS_EVENT, ({ storyId, rows }: { storyId: string; rows: readonly DevtoolsRow[] }) => {
    rowsByStory.set(storyId, rows)
    version++
    listeners.forEach((listener) => listener())
  })
  addons.add(PANEL_ID, {
    type: types.PANEL,
    title: TrackingTitle,
    render: ({ active }) => h(AddonPanel, { active: Boolean(active), children: h(PanelBoundary, null, h(TrackingPanel)) }),
  })
})
