/**
 * Lowercase snake_case words joined by dots, at least two of them:
 * `<element>.<action>` (`run_query_button.click`) and `namespace.object.action` (`edx.course.enrolled`).
 *
 * @example
 * defaultEventNamePattern.test('create_project_button.click') // true
 * defaultEventNamePattern.test('CreateProject') // false
 */
export const defaultEventNamePattern: RegExp = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)+$/

/** A pattern, a predicate, or false for no convention. */
export type NamingConvention = RegExp | ((name: string) => boolean) | false

/** The problem with `name` under `convention`, or undefined when it follows it. */
export function checkEventName(name: string, convention: NamingConvention): string | undefined {
  if (convention === false) return undefined
  let follows: unknown
  try {
    follows = typeof convention === 'function' ? convention(name) : convention.test(name)
  } catch (error) {
    return `the naming convention threw on "${name}" (${String(error)})`
  }
  if (follows) return undefined
  return typeof convention === 'function'
    ? `event name "${name}" does not follow the naming convention`
    : `event name "${name}" does not follow the naming convention ${String(convention)}`
}
