import type { NameDefinition, TrackingPlan } from '../core.js'

/** One event of the catalog. */
export interface CatalogEvent {
  name: string
  description: string
  /** The properties as JSON Schema, where the schema library produces one; null where it does not. */
  properties: Record<string, unknown> | null
  /** The schema library that validates the properties, or null where none is declared. */
  schema: string | null
}

/** A page, section or category of the catalog, with its description. */
export interface CatalogName {
  name: string
  description: string
}

/** The directory of a plan: its events (with their properties as JSON Schema), pages, sections and categories. */
export interface Catalog {
  events: CatalogEvent[]
  pages: CatalogName[]
  sections: CatalogName[]
  categories: CatalogName[]
}

const names = (definitions: Record<string, NameDefinition> | undefined): CatalogName[] =>
  Object.entries(definitions ?? {}).map(([name, { description }]) => ({ name, description: description ?? '' }))

/**
 * The directory of events, pages and sections of a plan, with properties as JSON Schema where the
 * schema library can produce it (Standard JSON Schema: zod 4 can).
 *
 * @example
 * const catalog = buildCatalog(plan)
 * catalog.events.map((event) => event.name)
 */
export function buildCatalog(plan: TrackingPlan): Catalog {
  const events = Object.entries(plan.events).map(([name, definition]): CatalogEvent => {
    const standard = definition.properties?.['~standard']
    let properties: Record<string, unknown> | null = null
    try {
      properties = standard?.jsonSchema?.input?.({ target: 'draft-2020-12' }) ?? null
    } catch {
      properties = null
    }
    return { name, description: definition.description ?? '', properties, schema: standard?.vendor ?? null }
  })
  return { events, pages: names(plan.pages), sections: names(plan.sections), categories: names(plan.categories) }
}
