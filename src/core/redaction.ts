/**
 * Property keys that are never sent, matched by words: `apiKey`, `API_KEY`, `x-api-key` and `APIKEY`
 * all hold the words "api key"; `className` holds no "ssn" and `tokenizer` no "token". At any depth.
 *
 * @example
 * createTracker({ redact: [...defaultRedactedKeys, 'email'] })
 */
export const defaultRedactedKeys: readonly string[] =
  'password passwd pwd passphrase secret token apikey accesskey privatekey authorization cookie sessionid cardnumber creditcard cvv cvc ssn iban pin'.split(' ')

/** Credentials that are often numbers: redacted even as a number (a count under "token" is not). */
const NUMERIC_CREDENTIALS = 'cvv cvc pin ssn cardnumber creditcard iban'.split(' ')

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]'

/** How sensitive a key is: 0 not; 1 a secret unless its value is a boolean or a number; 2 even as a number. */
export type Sensitivity = 0 | 1 | 2

/** A key's words: `PassWD` → pass, wd; `x-api-key` → x, api, key; `cardNumber2` → card, number2. */
const words = (key: string): string[] =>
  String(key)
    .replace(/([a-z\d])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, '$1$2 ')
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean)

/** A test for keys to redact, or undefined for none. */
export function keyRedactor(keys: readonly string[] | false | undefined): ((key: string) => Sensitivity) | undefined {
  if (keys === false) return undefined
  const given = Array.isArray(keys) ? keys.filter((term) => typeof term === 'string') : defaultRedactedKeys
  const terms = new Set(given.map((term) => words(term).join('')).filter(Boolean))
  if (terms.size === 0) return undefined
  // Apps send the same few keys over and over: each is judged once.
  const judged = new Map<string, Sensitivity>()
  return (key) => {
    let level = judged.get(key)
    if (level === undefined) {
      level = 0
      // A term may span words ("api key"), or be split by camel case ("PassWD"): every run of words counts.
      const parts = words(key)
      for (let start = 0; start < parts.length && level < 2; start++) {
        let run = ''
        for (let end = start; end < parts.length; end++) {
          run += parts[end]
          if (terms.has(run)) level = NUMERIC_CREDENTIALS.includes(run) ? 2 : (Math.max(level, 1) as Sensitivity)
        }
      }
      if (judged.size < 5000) judged.set(key, level)
    }
    return level
  }
}
