import { appendFile, mkdir } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, resolve } from 'node:path'
import type { Plugin } from 'vite'

export interface DevCollectorOptions {
  /** Where the dev server accepts events (POST) and lists them (GET). Default "/__trackplan/collect". */
  path?: string
  /** JSONL file the events are appended to, relative to Vite's root; false for none. Default ".trackplan/events.jsonl". */
  file?: string | false
  /** Largest request body accepted. Default 1 MB. */
  maxBodyBytes?: number
  /** What GET lists is bounded: beyond this many bytes of events (or 10,000 events) the oldest go. Default 5 MB. */
  maxKeptBytes?: number
}

interface ReceivedEvent {
  id?: string
  name?: string
  event_name?: string
  [key: string]: unknown
}

const MAX_KEPT = 10_000
/** Ids remembered for dropping duplicates; the oldest are forgotten first. */
const MAX_SEEN = 100_000

/**
 * Whether a write comes from the dev server's own pages (or from a tool, which sends no Origin): a
 * page on another origin must not be able to fill the collector (a no-cors text/plain POST needs no
 * preflight), nor clear it.
 */
function isSameOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false
  const origin = request.headers.origin
  if (origin === undefined) return true
  try {
    return new URL(origin).host === request.headers.host
  } catch {
    return false
  }
}

/**
 * A Vite plugin that turns the dev server into an analytics collector for development: point an
 * `httpSink` at its path, and every event is kept (GET lists them), de-duplicated by id, and appended
 * to a JSONL file. No backend to set up.
 *
 * @example
 * // vite.config.ts
 * import { devCollector } from 'trackplan/vite'
 * export default defineConfig({ plugins: [react(), devCollector()] })
 * // app
 * httpSink({ url: '/__trackplan/collect' })
 */
export function devCollector(options: DevCollectorOptions = {}): Plugin {
  const path = options.path ?? '/__trackplan/collect'
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000
  const maxKeptBytes = options.maxKeptBytes ?? 5_000_000
  const events: ReceivedEvent[] = []
  /** The size of each kept event, in the order of `events`. */
  const sizes: number[] = []
  let keptBytes = 0
  const seen = new Set<string>()
  let duplicates = 0
  let file: string | undefined

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (request.method === 'GET') return reply(200, { events, duplicates })
    if ((request.method === 'POST' || request.method === 'DELETE') && !isSameOrigin(request)) {
      request.resume()
      return reply(403, { error: 'only pages of this dev server may write here' })
    }
    if (request.method === 'DELETE') {
      events.length = 0
      sizes.length = 0
      keptBytes = 0
      seen.clear()
      duplicates = 0
      return reply(200, { ok: true })
    }
    if (request.method === 'OPTIONS') return void response.writeHead(204).end()
    if (request.method !== 'POST') return reply(405, { error: 'POST events, GET to list them' })

    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    request.on('end', () => {
      if (size > maxBodyBytes) return reply(413, { error: `body over ${maxBodyBytes} bytes` })
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return reply(400, { error: 'body is not JSON' })
      }
      const batch = Array.isArray(body) ? body : (body as { batch?: unknown } | null)?.batch
      if (!Array.isArray(batch)) return reply(400, { error: 'expected { batch: [...] } or an array of events' })
      const fresh: ReceivedEvent[] = []
      for (const item of batch) {
        if (typeof item !== 'object' || item === null) continue
        const event = item as ReceivedEvent
        if (typeof event.id === 'string') {
          if (seen.has(event.id)) {
            duplicates++
            continue
          }
          seen.add(event.id)
          if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value!)
        }
        fresh.push(event)
      }
      for (const event of fresh) {
        const bytes = Buffer.byteLength(JSON.stringify(event))
        events.push(event)
        sizes.push(bytes)
        keptBytes += bytes
      }
      // The oldest go first; a single event larger than the bound is not kept at all.
      let excess = 0
      while (excess < events.length && (events.length - excess > MAX_KEPT || keptBytes > maxKeptBytes)) keptBytes -= sizes[excess++]!
      events.splice(0, excess)
      sizes.splice(0, excess)
      reply(200, { ok: true, received: fresh.length })
      if (file && fresh.length > 0) {
        const target = file
        void mkdir(dirname(target), { recursive: true })
          .then(() => appendFile(target, fresh.map((event) => `${JSON.stringify(event)}\n`).join('')))
          .catch((error: unknown) => console.warn(`[trackplan] devCollector could not write ${target}: ${String(error)}`))
      }
    })
  }

  const mount = (server: { middlewares: { use(path: string, handler: typeof handle): unknown } }): void => {
    server.middlewares.use(path, handle)
  }

  return {
    name: 'trackplan:dev-collector',
    configResolved(config) {
      file = options.file === false ? undefined : resolve(config.root, options.file ?? '.trackplan/events.jsonl')
    },
    configureServer: mount,
    configurePreviewServer: mount,
  }
}
