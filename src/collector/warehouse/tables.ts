import { buildCatalog } from '../../catalog/buildCatalog.js'
import type { TrackingPlan } from '../../core.js'

/** A column's type, before a dialect names it. */
export type ColumnType = 'text' | 'double' | 'boolean' | 'json' | 'timestamp'

/** A column of a table made from the plan, and the property it holds. */
export interface Column {
  name: string
  type: ColumnType
  description: string
  /** The event's property this column holds, for the tables of planned events. */
  property?: string
  /** Never null: the key and the time rows are partitioned by. */
  required?: boolean
}

/** A table made from the plan: its name, description and columns, the key first. */
export interface Table {
  name: string
  description: string
  columns: Column[]
  /** The planned event whose rows it holds. */
  event?: string
}

/** The tables a plan lands in: `events`, `quarantine`, `planned_events` and one per planned event. */
export interface WarehouseTables {
  events: Table
  quarantine: Table
  planned: Table
  /** By event name. */
  byEvent: Map<string, Table>
}

const column = (name: string, type: ColumnType, description: string, required = false): Column => (required ? { name, type, description, required } : { name, type, description })

/** The columns every event row has, in the `events` table and first in each event's own table. */
const eventColumns = (): Column[] => [
  column('id', 'text', "The event's unique id: a row per id, whatever was sent twice.", true),
  column('timestamp', 'timestamp', 'When the event happened, corrected for the client clock.'),
  column('received_at', 'timestamp', 'When the collector received it.', true),
  column('user_id', 'text', 'The identified user, if any.'),
  column('anonymous_id', 'text', 'The browser or device, before and after identify.'),
  column('page_name', 'text', 'The page or modal it happened on.'),
  column('page_type', 'text', '"page" or "modal".'),
  column('page_category', 'text', "The page's category."),
  column('section_name', 'text', 'The innermost section it happened in.'),
]

/** Reserved by the store's own tables: an event with such a name gets a suffix. */
const ownTables = new Set(['events', 'quarantine', 'planned_events'])

/**
 * A warehouse loader's name: `accept.order.completed` → `accept_order_completed`, `rowCount` →
 * `row_count`. Letters, digits and `_`, lowercase, at most 63 characters (PostgreSQL's limit), never
 * starting with a digit.
 */
export function snakeCase(name: string): string {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const safe = snake === '' ? 'unnamed' : /^[0-9]/.test(snake) ? `_${snake}` : snake
  return safe.slice(0, 63)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The column type a property's JSON Schema asks for: anything not plainly one scalar type is JSON. */
export function columnType(schema: unknown): ColumnType {
  if (!isObject(schema)) return 'json'
  const union = schema.anyOf ?? schema.oneOf
  if (Array.isArray(union)) {
    const types = new Set(union.filter((part) => !(isObject(part) && part.type === 'null')).map(columnType))
    return types.size === 1 ? [...types][0]! : 'json'
  }
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined
  if (values) {
    const kinds = new Set(values.filter((value) => value !== null).map((value) => typeof value))
    return kinds.size !== 1 ? 'json' : kinds.has('string') ? 'text' : kinds.has('number') ? 'double' : kinds.has('boolean') ? 'boolean' : 'json'
  }
  const types = [schema.type].flat().filter((type) => type !== 'null')
  if (types.length !== 1) return 'json'
  const [type] = types
  return type === 'string' ? 'text' : type === 'number' || type === 'integer' ? 'double' : type === 'boolean' ? 'boolean' : 'json'
}

/** A name not yet in `taken`: `name`, else `name_2`, `name_3`…, kept within 63 characters. */
const unique = (name: string, taken: Set<string>): string => {
  let candidate = name
  for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, 63 - String(n).length - 1)}_${n}`
  taken.add(candidate)
  return candidate
}

/**
 * The tables of a plan, as Segment's and RudderStack's warehouses lay them out: every event in
 * `events` (its context and properties as JSON), and each planned event in a table of its own with a
 * typed column per property, the types from the properties' JSON Schema. Names are made in sorted
 * order, so a plan gives the same tables whatever order it lists its events in.
 *
 * @example
 * const tables = warehouseTables(plan)
 * tables.byEvent.get('accept.order.completed')?.name // 'accept_order_completed'
 */
export function warehouseTables(plan?: TrackingPlan): WarehouseTables {
  // The events table has the id, then its type and name, then what every event's own table has.
  const [idColumn, ...sharedColumns] = eventColumns() as [Column, ...Column[]]
  const events: Table = {
    name: 'events',
    description: 'Every accepted event, one row per event id.',
    columns: [
      idColumn,
      column('type', 'text', '"track", "page" or "identify".'),
      column('name', 'text', "The event's name as planned."),
      ...sharedColumns,
      column('section_path', 'json', 'The sections it happened in, outermost first.'),
      column('original_timestamp', 'timestamp', "The client's own time, when its clock was off and corrected."),
      column('sent_at', 'timestamp', 'When the client sent the batch.'),
      column('context', 'json', "The event's whole context."),
      column('properties', 'json', "The event's whole properties."),
    ],
  }
  const quarantine: Table = {
    name: 'quarantine',
    description: 'Events that broke the envelope or the plan, with the reasons, as they arrived.',
    columns: [
      column('id', 'text', "The event's id, or one made for it when it had none.", true),
      column('received_at', 'timestamp', 'When the collector received it.', true),
      column('name', 'text', "The event's name as sent."),
      column('reasons', 'json', 'Why it was not accepted.'),
      column('event', 'json', 'The event as it arrived.'),
    ],
  }
  const planned: Table = {
    name: 'planned_events',
    description: "The plan's events, as the collector last started with them: what the report compares arrivals against.",
    columns: [
      column('name', 'text', "The event's name.", true),
      column('table_name', 'text', 'Its own table.'),
      column('description', 'text', "The plan's description."),
      column('planned_at', 'timestamp', 'When a collector last started with it in its plan.', true),
    ],
  }
  const byEvent = new Map<string, Table>()
  const taken = new Set(ownTables)
  for (const entry of plan ? buildCatalog(plan).events.sort((a, b) => (a.name < b.name ? -1 : 1)) : []) {
    const columns = eventColumns()
    const names = new Set(columns.map(({ name }) => name))
    const schema = isObject(entry.properties) && isObject(entry.properties.properties) ? entry.properties.properties : {}
    for (const [property, propertySchema] of Object.entries(schema)) {
      const description = isObject(propertySchema) && typeof propertySchema.description === 'string' ? propertySchema.description : ''
      columns.push({ name: unique(snakeCase(property), names), type: columnType(propertySchema), description, property })
    }
    byEvent.set(entry.name, { name: unique(snakeCase(entry.name), taken), description: entry.description, columns, event: entry.name })
  }
  return { events, quarantine, planned, byEvent }
}
