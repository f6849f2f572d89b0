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
  return (key) => {
    const normalized = normalize(key)
    return fragments.some((fragment) => normalized.includes(fragment))
  }
}

const normalize = (key: string): string => String(key).toLowerCase().replace(/[^a-z0-9]/g, '')
