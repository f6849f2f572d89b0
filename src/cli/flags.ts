export type Flags = Map<string, string | true>

/** A flag's value, or undefined when it is absent or empty. */
export const textFlag = (flags: Flags, name: string): string | undefined => {
  const value = flags.get(name)
  return typeof value === 'string' && value !== '' ? value : undefined
}
