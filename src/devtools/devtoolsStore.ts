import type { TrackedEvent, Tracker, TrackingNotice } from '../core.js'
import { field, pageLabel, propertiesLabel, sectionLabel, text } from './describeEvent.js'

/** What a sink did with an event, as the panel shows it. */
export type DeliveryState = 'queued' | 'sent' | 'retried' | 'dropped' | 'failed' | 'skipped'

/** One event as the panels show it: text only, read defensively from whatever shape the event has. */
export interface DevtoolsRow {
  id: string
  type: string
  name: string
  time: string
  /** The page's type and name ("modal organization_settings"), or ''. */
  page: string
  /** The section path ("main › sidebar"), or ''. */
  section: string
  /** The properties as JSON, or '' when there are none. */
  properties: string
  problems: string[]
  /** Per sink: the latest thing that happened to this event, with its reason. */
  deliveries: Record<string, { state: DeliveryState; detail?: string }>
}

/** The rows the panel shows, kept outside React. */
export interface DevtoolsStore {
  /** Calls the listener on every change; returns the function that stops it. */
  subscribe(onChange: () => void): () => void
  /** The events so far, newest last, with what every sink did with each. */
  rows(): readonly DevtoolsRow[]
  /** Empties the list. */
  clear(): void
}

const MAX_ROWS = 500
let unnamed = 0

function rowOf(event: unknown): DevtoolsRow {
  const context = field(event, 'context')
  const id = field(event, 'id')
  return {
    id: typeof id === 'string' ? id : `unnamed-${++unnamed}`,
    type: text(field(event, 'type') ?? ''),
    name: text(field(event, 'name') ?? ''),
    time: text(field(event, 'timestamp') ?? ''),
    page: pageLabel(context),
    section: sectionLabel(context),
    properties: propertiesLabel(field(event, 'properties')),
    problems: [],
    deliveries: {},
  }
}
const stores = new WeakMap<Tracker, DevtoolsStore>()
let rejected = 0

/**
 * One store per tracker, subscribed as soon as it is first asked for, so that it hears the
 * events of the very first render (page events included).
 */
export function devtoolsStore(tracker: Tracker): DevtoolsStore {
  const existing = stores.get(tracker)
  if (existing) return existing
  let rows: DevtoolsRow[] = []
  const listeners = new Set<() => void>()

  const update = (id: string, create: () => DevtoolsRow, change: (row: DevtoolsRow) => DevtoolsRow): void => {
    const index = rows.findIndex((row) => row.id === id)
    if (index === -1) rows = [change(create()), ...rows].slice(0, MAX_ROWS)
    else rows = rows.map((row, at) => (at === index ? change(row) : row))
    listeners.forEach((listener) => listener())
  }

  tracker.subscribe((notice: TrackingNotice) => {
    if (notice.type === 'invalid' && !notice.event) {
      const id = `rejected-${++rejected}`
      const row: DevtoolsRow = { id, type: 'invalid', name: 'rejected call', time: new Date().toISOString(), page: '', section: '', properties: '', problems: notice.problems, deliveries: {} }
      return update(id, () => row, (same) => same)
    }
    if (!('event' in notice) || !notice.event) return
    const event: TrackedEvent = notice.event
    const create = (): DevtoolsRow => rowOf(event)
    switch (notice.type) {
      case 'tracked':
        return update(event.id, create, (row) => row)
      case 'invalid':
        return update(event.id, create, (row) => ({ ...row, problems: [...row.problems, ...notice.problems] }))
      case 'skipped':
        return update(event.id, create, (row) => ({ ...row, deliveries: { ...row.deliveries, all: { state: 'skipped', detail: 'dry run' } } }))
      case 'queued':
      case 'sent':
        return update(event.id, create, (row) => ({ ...row, deliveries: { ...row.deliveries, [notice.sink]: { state: notice.type } } }))
      case 'retried':
        return update(event.id, create, (row) => ({
          ...row,
          deliveries: { ...row.deliveries, [notice.sink]: { state: 'retried', detail: `${notice.reason}, attempt ${notice.attempt}` } },
        }))
      case 'dropped':
      case 'failed': {
        const detail = notice.type === 'dropped' ? notice.reason : String(notice.error)
        return update(event.id, create, (row) => ({ ...row, deliveries: { ...row.deliveries, [notice.sink]: { state: notice.type, detail } } }))
      }
    }
  })

  const store: DevtoolsStore = {
    subscribe(onChange) {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    rows: () => rows,
    clear() {
      rows = []
      listeners.forEach((listener) => listener())
    },
  }
  stores.set(tracker, store)
  return store
}
