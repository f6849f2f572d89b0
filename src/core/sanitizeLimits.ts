import { isCardNumber } from './valueRedaction.js'
import type { Sensitivity } from './redaction.js'

export interface SanitizeLimits {
  /** Longer strings are cut to this many characters. */
  maxStringLength: number
  /** Deeper values are replaced with "[Too deep]". */
  maxDepth: number
  /** How sensitive each key is (see `keyRedactor`): its values are replaced with "[REDACTED]", at any depth. */
  redact?: ((key: string) => Sensitivity) | undefined
  /** Replaces secrets inside string values (see `valueRedactor`); card numbers given as numbers go too. */
  redactValue?: ((text: string) => string) | undefined
}

/** Items of an array or Set, and keys of an object, kept at most: the rest are left out, with a message. */
export const MAX_ITEMS = 1000
/** Values read per call at most, all depths together: beyond, the rest become "[Too much]". */
export const MAX_VALUES = 10_000
/** A finite number that is not a card number (when values are redacted). */
export const mayBeSent = (value: unknown, limits: SanitizeLimits): boolean =>
  Number.isFinite(value) && !(limits.redactValue && (value as number) >= 1e12 && isCardNumber(String(value)))
