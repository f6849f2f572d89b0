const encoder = /* @__PURE__ */ new TextEncoder()
/** Reused by every measurement: room for 16 384 UTF-16 units at 3 bytes each. */
let scratch: Uint8Array | undefined

/** Bytes of `text` as UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD, as `fetch` sends it). */
export function utf8Length(text: string): number {
  // Encoding into a reused buffer is the fastest exact count browsers and Node offer.
  if (text.length <= 16_384) return encoder.encodeInto(text, (scratch ??= new Uint8Array(3 * 16_384))).written
  return encoder.encode(text).length
}
