const NON_ASCII = /[^\x00-\x7f]/

/** Bytes of `text` as UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  // Most analytics payloads are ASCII: one native scan answers for them.
  if (!NON_ASCII.test(text)) return text.length
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    // A surrogate half is 1 of its pair's 2 UTF-16 units and 2 of its 4 UTF-8 bytes: one extra each.
    bytes += code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 1 : 2
  }
  return bytes
}
