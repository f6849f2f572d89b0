/** Why a body could not be read: over the byte limit, or not all there within the time limit. */
export type UnreadBody = 'too large' | 'too slow'

/**
 * The body as text, or why not: `too large` once it passes `limit` bytes, `too slow` when it has not
 * all arrived within `timeoutMs` (a client that sends a byte now and then holds a request open, and
 * one of `maxConcurrentRequests`, only that long). Reading stops there.
 */
export async function readBody(request: Request, limit: number, timeoutMs: number): Promise<string | UnreadBody> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<'too slow'>((resolve) => {
    timer = setTimeout(() => resolve('too slow'), timeoutMs)
  })
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), late])
      if (read === 'too slow') {
        await reader.cancel().catch(() => {})
        return read
      }
      if (read.done) break
      size += read.value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        return 'too large'
      }
      chunks.push(read.value)
    }
  } finally {
    clearTimeout(timer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
