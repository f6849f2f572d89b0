/**
 * Property keys that are never sent: matched case-insensitively, ignoring separators
 * (`apiKey`, `API_KEY` and `api-key` all match "apikey"), anywhere in the key and at any depth.
 *
 * @example
 * createTracker({ redact: [...defaultRedactedKeys, 'email'] })
 */
export const defaultRedactedKeys: readonly string[] = ['password', 'passwd', 'secret', 'token', 'apikey', 'authorization', 'cookie', 'cardnumber', 'cvv', 'ssn']

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]'

/** A test for keys to redact, or undefined for none. */
export function keyRedactor(keys: readonly string[] | false | undefined): ((key: string) => boolean) | undefined {
  if (keys === false) return undefined
  const fragments = (Array.isArray(keys) ? keys : defaultRedactedKeys).map(normalize).filter(Boolean)
  if (fragments.length === 0) return undefined
  // Apps send the same few keys over and over: each is judged once.
  const judged = new Map<string, boolean>()
  return (key) => {
    let redacted = judged.get(key)
    if (redacted === undefined) {
      const normalized = normalize(key)
      redacted = fragments.some((fragment) => normalized.includes(fragment))
      if (judged.size < 5000) judged.set(key, redacted)
    }
    return redacted
  }
}

const normalize = (key: string): string => String(key).toLowerCase().replace(/[^a-z0-9]/g, '')
