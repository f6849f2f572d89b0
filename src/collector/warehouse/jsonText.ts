/**
 * JSON text a database will parse: what JSON.stringify writes, with the two escapes PostgreSQL's
 * and DuckDB's JSON refuse replaced by U+FFFD: `\u0000` (no text column holds NUL) and a lone
 * surrogate (JSON.stringify escapes only the lone ones; a pair is written as it is). Without it, one
 * such string in one event would fail its whole batch, and every retry of it.
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value)
  if (!text.includes('\\u')) return text
  // An escape is one only after an even number of backslashes: `\\u0000` is a backslash and "u0000".
  return text.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd')
}
