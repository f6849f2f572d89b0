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
}

interface ReceivedEvent {
  id?: string
  name?: string
  event_name?: string
  [key: string]: unknown
}

const MAX_KEPT = 10_000

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
  const events: ReceivedEvent[] = []
  const seen = new Set<string>()
  let duplicates = 0
  let file: string | undefined

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (request.method === 'GET') return reply(200, { events, duplicates })
    if (request.method === 'DELETE') {
      events.length = 0
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
        }
        fresh.push(event)
      }
      events.push(...fresh)
      if (events.length > MAX_KEPT) events.splice(0, events.length - MAX_KEPT)
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
