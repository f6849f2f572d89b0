const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
const POOL_BYTES = 16 * 256
const pool = new Uint8Array(POOL_BYTES)
let offset = POOL_BYTES

/**
 * A random UUID v4, from a pool of random bytes refilled by `crypto.getRandomValues` 256 ids at a
 * time: `crypto.randomUUID` costs about 2 µs a call in Chromium, more than the rest of track(), and is
 * missing outside secure contexts (plain http on a LAN).
 */
export function createId(): string {
  if (offset === POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool)
    offset = 0
  }
  const b = pool
  const i = offset
  offset += 16
  return (
    HEX[b[i]!]! + HEX[b[i + 1]!]! + HEX[b[i + 2]!]! + HEX[b[i + 3]!]! + '-' +
    HEX[b[i + 4]!]! + HEX[b[i + 5]!]! + '-' +
    // version 4: the high nibble of byte 6; variant 10xx: the high bits of byte 8
    HEX[(b[i + 6]! & 0x0f) | 0x40]! + HEX[b[i + 7]!]! + '-' +
    HEX[(b[i + 8]! & 0x3f) | 0x80]! + HEX[b[i + 9]!]! + '-' +
    HEX[b[i + 10]!]! + HEX[b[i + 11]!]! + HEX[b[i + 12]!]! + HEX[b[i + 13]!]! + HEX[b[i + 14]!]! + HEX[b[i + 15]!]!
  )
}
