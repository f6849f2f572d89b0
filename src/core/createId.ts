/**
 * A random UUID v4. `crypto.randomUUID` is missing outside secure contexts (plain http on a LAN),
 * where the same format is made from getRandomValues.
 */
export function createId(): string {
  const crypto = globalThis.crypto
  if (crypto.randomUUID) return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(31))
  let index = 0
  // Each x becomes a random hex digit; y becomes 8, 9, a or b (the variant).
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (char) => {
    const random = bytes[index++]! & 15
    return (char === 'x' ? random : (random & 3) | 8).toString(16)
  })
}
