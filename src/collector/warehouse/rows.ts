import type { CollectedEvent } from '../stamp.js'
import type { Column, ColumnType, Table, WarehouseTables } from './tables.js'

/** A row as the store writes it: timestamps as ISO strings, JSON columns as plain values. */
export type Row = Record<string, unknown>

/** An event that could not be accepted, as the collector hands it to its store. */
export interface QuarantinedEvent {
  receivedAt: string
  reasons: readonly string[]
  event: unknown
}

/** What one write puts in the tables: the rows of `events`, of each event's own table, and of `quarantine`. */
export interface Rows {
  events: Row[]
  /** By table name. */
  byTable: Map<string, Row[]>
  quarantine: Row[]
}

const fits: Record<ColumnType, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string',
  double: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  json: (value) => value !== undefined,
  timestamp: (value) => typeof value === 'string',
}

/** A property's value for its column, or null where it does not fit (the value is in `events.properties` still). */
export const cell = (column: Column, value: unknown): unknown => (fits[column.type](value) ? value : null)

const objectOf = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

/** The row an accepted event has in `events`. */
export function eventRow(event: CollectedEvent): Row {
  const { page, section } = event.context
  return {
    id: event.id,
    type: event.type,
    name: event.name,
    timestamp: event.timestamp,
    received_at: event.receivedAt,
    user_id: event.userId ?? null,
    anonymous_id: event.anonymousId ?? null,
    page_name: page?.name ?? null,
    page_type: page?.type ?? null,
    page_category: page?.category ?? null,
    section_name: section?.name ?? null,
    section_path: section?.path ?? null,
    original_timestamp: event.originalTimestamp ?? null,
    sent_at: event.sentAt ?? null,
    context: event.context,
    properties: event.properties,
  }
}

/** The row an accepted event has in its own table: the shared columns, then one per property. */
export function plannedRow(table: Table, row: Row, properties: Record<string, unknown>): Row {
  const own: Row = {}
  for (const column of table.columns) own[column.name] = column.property === undefined ? row[column.name] : cell(column, properties[column.property])
  return own
}

let made = 0
/** A quarantined event's row: its own id when it has a usable one, so that a retry is stored once. */
export function quarantineRow({ receivedAt, reasons, event }: QuarantinedEvent, isId: (value: unknown) => boolean): Row {
  const { id, name } = objectOf(event)
  return {
    id: isId(id) ? id : `quarantine-${Date.now().toString(36)}-${process.pid}-${(made++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    received_at: receivedAt,
    name: typeof name === 'string' ? name.slice(0, 200) : null,
    reasons,
    event: event === undefined ? null : event,
  }
}

/** Every table's rows for one write. */
export function rowsOf(tables: WarehouseTables, accepted: readonly CollectedEvent[], quarantined: readonly QuarantinedEvent[], isId: (value: unknown) => boolean): Rows {
  const rows: Rows = { events: [], byTable: new Map(), quarantine: quarantined.map((entry) => quarantineRow(entry, isId)) }
  for (const event of accepted) {
    const row = eventRow(event)
    rows.events.push(row)
    const table = tables.byEvent.get(event.name)
    if (table === undefined || event.type !== 'track') continue
    let list = rows.byTable.get(table.name)
    if (!list) rows.byTable.set(table.name, (list = []))
    list.push(plannedRow(table, row, objectOf(event.properties)))
  }
  return rows
}
