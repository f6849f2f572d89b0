/** "a string", "an array", "null": for messages about what was passed. */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** A short, safe rendering of a value for a message. */
export function describeInput(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'object' && value !== null && 'name' in value) {
    return `{ name: ${describeInput((value as { name: unknown }).name)} }`
  }
  return typeof value === 'number' || typeof value === 'boolean' || value == null ? String(value) : describeType(value)
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
