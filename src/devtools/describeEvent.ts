// Both panels (the devtools and Storybook's) show events whose shape nothing guarantees: a context
// argument, a sink's transform or a queue kept in storage can hand them anything. Each field is read
// here once, defensively, into text, so that rendering a row can never throw.

const json = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return '[unreadable]'
  }
}

/** Any value as text: strings as they are, other values as JSON. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : json(value))

/** `object[key]`, or undefined where `object` is not an object or reading throws. */
export function field(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined
  try {
    return (object as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

/** "modal organization_settings": the page's type and name, or '' without a page. */
export function pageLabel(context: unknown): string {
  const page = field(context, 'page')
  if (page === undefined || page === null) return ''
  return [field(page, 'type'), field(page, 'name')].filter((part) => part !== undefined).map(text).join(' ')
}

/** "main › sidebar": the section's path, or its name, or '' without a section. */
export function sectionLabel(context: unknown): string {
  const section = field(context, 'section')
  if (section === undefined || section === null) return ''
  const path = field(section, 'path')
  if (Array.isArray(path)) return path.map(text).join(' › ')
  const name = field(section, 'name') ?? path
  return name === undefined ? '' : text(name)
}

/** The properties as JSON, or '' when there are none. */
export function propertiesLabel(properties: unknown): string {
  if (properties === undefined || properties === null) return ''
  if (typeof properties !== 'object') return text(properties)
  try {
    return Object.keys(properties).length > 0 ? json(properties) : ''
  } catch {
    return '[unreadable]'
  }
}
