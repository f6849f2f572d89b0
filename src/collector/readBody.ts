import type { IncomingMessage } from 'node:http'

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

/** `readBody` for Node's request: its chunks as they arrive, with the same limits. Rejects if the client goes away first. */
export function readNodeBody(message: IncomingMessage, limit: number, timeoutMs: number): Promise<string | UnreadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (): void => {
      clearTimeout(timer)
      message.off('data', data).off('end', end).off('error', failed).off('close', closed)
    }
    const settle = (result: string | UnreadBody): void => {
      done()
      resolve(result)
    }
    const data = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) settle('too large')
      else chunks.push(chunk)
    }
    const end = (): void => settle(Buffer.concat(chunks, size).toString('utf8'))
    const failed = (error: Error): void => {
      done()
      reject(error)
    }
    const closed = (): void => failed(new Error('the client closed the request before its body ended'))
    const timer = setTimeout(() => settle('too slow'), timeoutMs)
    message.on('data', data).on('end', end).on('error', failed).on('close', closed)
  })
}
