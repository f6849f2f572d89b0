import { connect, type Socket } from 'node:net'

type Reply = string | number | null | Reply[]

/** The few Redis commands the collector needs, pipelined on one connection. */
export interface RedisConnection {
  command(...args: (string | number)[]): Promise<Reply>
  close(): void
}

/**
 * A minimal Redis client (RESP over TCP) for `redis://[:password@]host:port[/db]`: commands are
 * pipelined and answered in order. A lost connection fails what was waiting and reconnects on the
 * next command; the collector answers 503 meanwhile, so nothing is acknowledged unchecked.
 */
export function redisConnection(url: string): RedisConnection {
  const parsed = new URL(url)
  const waiting: Array<{ resolve(reply: Reply): void; reject(error: Error): void }> = []
  let socket: Socket | undefined
  let buffer: Buffer = Buffer.alloc(0)

  const fail = (error: Error): void => {
    socket?.destroy()
    socket = undefined
    buffer = Buffer.alloc(0)
    for (const pending of waiting.splice(0)) pending.reject(error)
  }

  const open = (): Socket => {
    const opened = connect(Number(parsed.port || 6379), parsed.hostname || '127.0.0.1')
    opened.setNoDelay(true)
    opened.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
      for (;;) {
        const read = parseReply(buffer, 0)
        if (!read) break
        buffer = buffer.subarray(read.end)
        const pending = waiting.shift()
        if (read.reply instanceof Error) pending?.reject(read.reply)
        else pending?.resolve(read.reply)
      }
    })
    // Only the current connection's end fails what waits: an old one's late close must not.
    opened.on('error', (error) => socket === opened && fail(error))
    opened.on('close', () => socket === opened && fail(new Error('redis connection closed')))
    const hello: (string | number)[][] = []
    if (parsed.password) hello.push(['AUTH', decodeURIComponent(parsed.password)])
    const db = parsed.pathname.slice(1)
    if (db) hello.push(['SELECT', db])
    for (const args of hello) {
      waiting.push({ resolve: () => {}, reject: () => {} })
      opened.write(encode(args))
    }
    return opened
  }

  return {
    command(...args) {
      socket ??= open()
      const connection = socket
      return new Promise<Reply>((resolve, reject) => {
        waiting.push({ resolve, reject })
        connection.write(encode(args))
      })
    },
    close() {
      socket?.end()
      socket = undefined
    },
  }
}

const encode = (args: (string | number)[]): string => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(String(arg))}\r\n${arg}\r\n`).join('')}`

/** One reply from `at`, and where it ends; undefined until it has all arrived. */
function parseReply(buffer: Buffer, at: number): { reply: Reply | Error; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', at)
  if (lineEnd === -1) return undefined
  const line = buffer.toString('utf8', at + 1, lineEnd)
  const next = lineEnd + 2
  switch (buffer[at]) {
    case 0x2b: // +
      return { reply: line, end: next }
    case 0x2d: // -
      return { reply: new Error(`redis: ${line}`), end: next }
    case 0x3a: // :
      return { reply: Number(line), end: next }
    case 0x24: {
      // $
      const length = Number(line)
      if (length === -1) return { reply: null, end: next }
      if (buffer.length < next + length + 2) return undefined
      return { reply: buffer.toString('utf8', next, next + length), end: next + length + 2 }
    }
    case 0x2a: {
      // *
      const count = Number(line)
      if (count === -1) return { reply: null, end: next }
      const items: Reply[] = []
      let end = next
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, end)
        if (!item) return undefined
        if (item.reply instanceof Error) return item
        items.push(item.reply)
        end = item.end
      }
      return { reply: items, end }
    }
    default:
      return { reply: new Error('redis: unreadable reply'), end: buffer.length }
  }
}
