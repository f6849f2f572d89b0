export type Flags = Map<string, string | true>

/** A flag's value, or undefined when it is absent or empty. */
export const textFlag = (flags: Flags, name: string): string | undefined => {
  const value = flags.get(name)
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** A numeric flag's value; an error message when it is there but not a number `accepts` takes. */
export const numberFlag = (flags: Flags, name: string, accepts: (value: number) => boolean, what: string): number | undefined | { error: string } => {
  const text = textFlag(flags, name)
  if (text === undefined) return undefined
  const value = Number(text)
  return Number.isFinite(value) && accepts(value) ? value : { error: `--${name} must be ${what}, got ${text}` }
}
