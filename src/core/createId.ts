const hex = (byte: number): string => (byte + 0x100).toString(16).slice(1)

/**
 * A random UUID v4. `crypto.randomUUID` is missing outside secure contexts (plain http on a LAN),
 * so fall back to getRandomValues, and to Math.random only where there is no crypto at all.
 */
export function createId(): string {
  const crypto = globalThis.crypto
  if (crypto?.randomUUID) return crypto.randomUUID()
  const bytes = new Uint8Array(16)
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes)
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  let id = ''
  for (let i = 0; i < 16; i++) id += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + hex(bytes[i]!)
  return id
}
