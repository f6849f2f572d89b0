import { REDACTED, type Sensitivity } from './redaction.js'

/** What is redacted inside string values besides the built-in patterns: named path segments, email addresses. */
export interface ValueRedactionOptions {
  /** Email addresses too. Default false: they are often what an analytics event is about. */
  emails?: boolean
  /**
   * URL paths whose `:named` segments are secrets, e.g. `'/reset-password/:token'`: in any string
   * value (a URL, a path, `pageUrl()`'s href, a route's path), those segments become "[REDACTED]".
   */
  paths?: readonly string[]
}

// Every pattern runs in linear time: no nested repetition that can backtrack.
const PATTERNS: [RegExp, string | ((...match: string[]) => string)][] = [
  // A JWT: three base64url parts, the first two JSON objects ("eyJ" is '{"').
  [/eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g, REDACTED],
  // "Bearer …" and "Basic …" with a token of 8+ characters holding a digit or a base64 symbol ("basic subscription" is kept).
  [/\b(bearer|basic)\s+(?=[\w.~+/-]*[\d+/=])[\w.~+/-]{8,}=*/gi, `$1 ${REDACTED}`],
  // 13 to 19 digits, alone or grouped by spaces or dashes: a card number if its brand's prefix and Luhn digit say so.
  [/(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, (run) => (isCardNumber(run.replace(/\D/g, '')) ? REDACTED : run)],
  // "scheme://user:password@" or "scheme://token@".
  [/([a-z][\w+.-]*:\/\/)[^/\s@?#]+@/gi, `$1${REDACTED}@`],
]
/** `name=value` after `?`, `&`, `;` or `#`. */
const QUERY_PARAMETER = /([?&;#][^=&#?\s]+=)([^&#\s]+)/g
/** Query parameters that are secrets by name, beyond the redacted key words. */
const SECRET_PARAMETER = /^(key|code|sig(nature)?|auth|otp|jwt|session|x-amz-[\w-]+)=/i
/** A quick look: only strings holding one of these go through the patterns. */
const CANDIDATE = /eyJ|bearer|basic|\d\d\d\d|[=@]/i

/** Whether digits are a card number: a card brand's prefix (2–6), 13–19 digits and a valid Luhn check digit. */
export function isCardNumber(digits: string): boolean {
  if (!/^(4|5[1-5]|2[2-7]|3[4-8]|6[0-5])\d{11,17}$/.test(digits)) return false
  let sum = 0
  for (let index = digits.length; index--; ) {
    const digit = +digits[index]! * ((digits.length - index) % 2 ? 1 : 2)
    sum += digit > 9 ? digit - 9 : digit
  }
  return sum % 10 === 0
}

/**
 * A function that replaces the secrets inside a string with "[REDACTED]" and keeps the rest:
 * JWTs, bearer and basic credentials, card numbers (plain or grouped), secret-like URL query
 * parameters (by the redacted key words, or `code`, `sig`, `key`, `auth`…), user-info in URLs,
 * the named segments of `paths`, and email addresses if asked.
 */
export function valueRedactor({ emails, paths }: ValueRedactionOptions, secretKey: ((key: string) => Sensitivity) | undefined): (text: string) => string {
  const patterns = [...PATTERNS]
  patterns.push([QUERY_PARAMETER, (whole, name) => (SECRET_PARAMETER.test(name!.slice(1)) || secretKey?.(name!.slice(1, -1)) ? name + REDACTED : whole)])
  if (emails === true) patterns.push([/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED])
  for (const path of Array.isArray(paths) ? paths : []) {
    const segments = String(path).split('/')
    // Each segment in turn: a named one matches any segment, the others themselves.
    const source = segments.map((segment) => (segment[0] === ':' ? '[^/?#\\s]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')
    if (source !== String(path)) patterns.push([new RegExp(`${source}(?=[/?#\\s"']|$)`, 'g'), (match) => match.split('/').map((part, index) => (segments[index]?.[0] === ':' ? REDACTED : part)).join('/')])
  }
  return (text) => {
    if (text.length < 8 || !(CANDIDATE.test(text) || (paths && text.includes('/')))) return text
    for (const [pattern, replacement] of patterns) text = text.replace(pattern, replacement as string)
    return text
  }
}
