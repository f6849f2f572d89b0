/** What a path segment that looks like a secret is sent as. */
export const REDACTED_SEGMENT = ':redacted'

const JWT = /^eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*$/
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i
/**
 * Words (lowercase, Capitalized or CAPITALS) and numbers joined by - _ or . (a slug, a file name, a
 * version): never a secret by its look. Random characters rarely fall into such runs.
 */
const PART = '(?:[a-z]{1,12}|[A-Z][a-z]{0,11}|[A-Z]{1,12}|\\d{1,12})'
const SLUG = new RegExp(`^${PART}(?:[-_.]${PART})*$`)
/** The segment after one of these is a secret whatever it looks like, unless it is a plain word. */
const SECRET_BEFORE = /^(?:reset(?:[-_]?password)?|password|token|secret|invite|invitation|verify|verification|confirm|activate|activation|magic(?:[-_]?link)?|otp|api[-_]?key|auth|session|unsubscribe)$/i
const WORD = /^[a-z]+(?:[-_][a-z]+)*$/i
/** A `name=value` segment (matrix parameters, `;jsessionid=`) whose name is a secret's. */
const SECRET_PARAMETER = /^(?:[^=]*[;])?(?:token|key|code|sig|signature|auth|otp|jwt|session|jsessionid|sid|password)=/i

/** Bits per character: random tokens have 3.5 and more, words and ids far less. */
function entropy(text: string): number {
  const counts = new Map<string, number>()
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1)
  let bits = 0
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length)
  return bits
}

/** Whether a segment (decoded) looks like a token: a JWT, or a long string of mixed characters with the entropy of a random one. */
function looksSecret(segment: string): boolean {
  if (JWT.test(segment)) return true
  if (segment.length < 16 || UUID.test(segment) || SLUG.test(segment)) return false
  const mixed = (/\d/.test(segment) && /[a-z]/i.test(segment)) || (/[a-z]/.test(segment) && /[A-Z]/.test(segment))
  return mixed && entropy(segment) >= 3
}

/**
 * A URL path with each segment that looks like a secret replaced by `:redacted`: JWTs, long
 * random-looking strings (reset and invite tokens, signed links), the segment after one named like a
 * secret (`/reset-password/…`, `/invite/…`, `/token/…`) unless it is a plain word, and the values of
 * `name=value` segments named like one. Numbers, UUIDs, slugs and short ids are kept.
 *
 * @example
 * redactSecretSegments('/reset-password/Zx81kPq0vB7sLmN2aQ9d') // '/reset-password/:redacted'
 * redactSecretSegments('/projects/42/dashboards/weekly-revenue') // unchanged
 */
export function redactSecretSegments(path: string): string {
  const segments = path.split('/')
  let changed = false
  for (let index = 0; index < segments.length; index++) {
    const raw = segments[index]!
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      segment = raw
    }
    const previous = index > 0 ? segments[index - 1]! : ''
    const parameter = SECRET_PARAMETER.exec(segment)
    if (parameter) {
      segments[index] = `${raw.slice(0, raw.indexOf('=') + 1)}${REDACTED_SEGMENT}`
      changed = true
    } else if (looksSecret(segment) || (SECRET_BEFORE.test(previous) && !WORD.test(segment))) {
      segments[index] = REDACTED_SEGMENT
      changed = true
    }
  }
  return changed ? segments.join('/') : path
}
