import type { Catalog, CatalogEvent, CatalogName } from './buildCatalog.js'

interface JsonSchemaObject {
  properties?: Record<string, { type?: string | string[]; description?: string; enum?: unknown[]; const?: unknown; anyOf?: { type?: string }[] }>
  required?: string[]
}

const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function typeOf(property: NonNullable<JsonSchemaObject['properties']>[string]): string {
  if (property.enum) return property.enum.map((value) => JSON.stringify(value)).join(' \\| ')
  if (property.const !== undefined) return JSON.stringify(property.const)
  if (property.anyOf) return property.anyOf.map((option) => option.type ?? '?').join(' \\| ')
  return Array.isArray(property.type) ? property.type.join(' \\| ') : (property.type ?? 'any')
}

function eventSection(event: CatalogEvent): string {
  const lines = [`### \`${event.name}\``, '', event.description || '_No description._', '']
  const schema = event.properties as JsonSchemaObject | null
  if (schema?.properties && Object.keys(schema.properties).length > 0) {
    lines.push('| property | type | required | description |', '| --- | --- | --- | --- |')
    for (const [name, property] of Object.entries(schema.properties)) {
      const required = schema.required?.includes(name) ? 'yes' : 'no'
      lines.push(`| \`${name}\` | ${typeOf(property)} | ${required} | ${escape(property.description ?? '')} |`)
    }
  } else if (event.schema) {
    lines.push(`_Properties are validated by ${event.schema}, which gives no JSON Schema._`)
  } else {
    lines.push('_No properties declared._')
  }
  return lines.join('\n')
}

function nameTable(title: string, entries: CatalogName[]): string {
  if (entries.length === 0) return ''
  return [`## ${title}`, '', '| name | description |', '| --- | --- |', ...entries.map((entry) => `| \`${entry.name}\` | ${escape(entry.description)} |`), ''].join('\n')
}

/**
 * The catalog as Markdown: the directory of events (CommCare HQ's spreadsheet, generated).
 *
 * @example
 * writeFileSync('docs/tracking-plan.md', catalogMarkdown(buildCatalog(plan)))
 */
export function catalogMarkdown(catalog: Catalog): string {
  return [
    '# Tracking plan',
    '',
    `${catalog.events.length} events, ${catalog.pages.length} pages, ${catalog.sections.length} sections.`,
    '',
    '## Events',
    '',
    catalog.events.map(eventSection).join('\n\n'),
    '',
    nameTable('Pages', catalog.pages),
    nameTable('Sections', catalog.sections),
    nameTable('Categories', catalog.categories),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .concat('\n')
}
