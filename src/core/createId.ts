/** The character codes of each byte's two hex digits: 0xa7 → "a", "7". */
const HIGH = new Uint8Array(256)
const LOW = new Uint8Array(256)
for (let byte = 0; byte < 256; byte++) {
  const hex = byte.toString(16).padStart(2, '0')
  HIGH[byte] = hex.charCodeAt(0)
  LOW[byte] = hex.charCodeAt(1)
}
const DASH = 45
const POOL_BYTES = 16 * 256
const pool = new Uint8Array(POOL_BYTES)
let offset = POOL_BYTES

/**
 * A random UUID v4, from a pool of random bytes refilled by `crypto.getRandomValues` 256 ids at a
 * time: `crypto.randomUUID` costs about 2 µs a call in Chromium, more than the rest of track(), and is
 * missing outside secure contexts (plain http on a LAN). Made in one `String.fromCharCode`: joining
 * 20 pieces with `+` made a rope of 20 strings that every queued event kept until it was serialized
 * (0.15 µs an id in Chromium, against 0.09 µs).
 */
export function createId(): string {
  if (offset === POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool)
    offset = 0
  }
  const b = pool
  const i = offset
  offset += 16
  // version 4: the high nibble of byte 6; variant 10xx: the high bits of byte 8
  const version = (b[i + 6]! & 0x0f) | 0x40
  const variant = (b[i + 8]! & 0x3f) | 0x80
  return String.fromCharCode(
    HIGH[b[i]!]!, LOW[b[i]!]!, HIGH[b[i + 1]!]!, LOW[b[i + 1]!]!, HIGH[b[i + 2]!]!, LOW[b[i + 2]!]!, HIGH[b[i + 3]!]!, LOW[b[i + 3]!]!, DASH,
    HIGH[b[i + 4]!]!, LOW[b[i + 4]!]!, HIGH[b[i + 5]!]!, LOW[b[i + 5]!]!, DASH,
    HIGH[version]!, LOW[version]!, HIGH[b[i + 7]!]!, LOW[b[i + 7]!]!, DASH,
    HIGH[variant]!, LOW[variant]!, HIGH[b[i + 9]!]!, LOW[b[i + 9]!]!, DASH,
    HIGH[b[i + 10]!]!, LOW[b[i + 10]!]!, HIGH[b[i + 11]!]!, LOW[b[i + 11]!]!, HIGH[b[i + 12]!]!, LOW[b[i + 12]!]!,
    HIGH[b[i + 13]!]!, LOW[b[i + 13]!]!, HIGH[b[i + 14]!]!, LOW[b[i + 14]!]!, HIGH[b[i + 15]!]!, LOW[b[i + 15]!]!,
  )
}
