import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { createCollector, jsonlFile, nodeHandler, type Collector, type EventFile } from '../collector.js'
import type { TrackingPlan } from '../core.js'

export interface DevCollectorOptions {
  /** Where the dev server accepts events (POST) and lists them (GET). Default "/__trackplan/collect". */
  path?: string
  /** JSONL file the events are appended to, relative to Vite's root; false for none. Default ".trackplan/events.jsonl". */
  file?: string | false
  /** The plan: events that break it are listed under `invalid` with their reasons, as `trackplan collect` quarantines them. */
  plan?: TrackingPlan
  /** JSONL file of the quarantined events, relative to Vite's root; false for none. Default ".trackplan/invalid.jsonl". */
  quarantineFile?: string | false
  /** Largest request body accepted. Default 1 MB. */
  maxBodyBytes?: number
  /** What GET lists is bounded: beyond this many bytes of events (or 10,000 events) the oldest go. Default 5 MB. */
  maxKeptBytes?: number
}

const MAX_KEPT = 10_000

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

/** What GET lists: the newest records, bounded in count and bytes (a single larger one is not kept). */
function keptList(maxBytes: number) {
  const records: unknown[] = []
  const sizes: number[] = []
  let bytes = 0
  return {
    records,
    add(added: readonly unknown[]) {
      for (const record of added) {
        const size = Buffer.byteLength(JSON.stringify(record))
        records.push(record)
        sizes.push(size)
        bytes += size
      }
      let excess = 0
      while (excess < records.length && (records.length - excess > MAX_KEPT || bytes > maxBytes)) bytes -= sizes[excess++]!
      records.splice(0, excess)
      sizes.splice(0, excess)
    },
    clear() {
      records.length = 0
      sizes.length = 0
      bytes = 0
    },
  }
}

/** A store that keeps what it is given in `list`, and in a JSONL file too when there is one. */
const listedAndFiled = (list: { add(records: readonly unknown[]): void }, file: EventFile | undefined): EventFile => ({
  append(records) {
    file?.append(records)
    list.add(records)
  },
  close: () => file?.close(),
})

/**
 * A Vite plugin that turns the dev server into an analytics collector for development: point an
 * `httpSink` at its path, and every event goes through `trackplan/collector` as in production (the
 * plan checked, duplicates dropped by id), is kept for GET (with what was quarantined and why), and
 * appended to a JSONL file. No backend to set up.
 *
 * @example
 * // vite.config.ts
 * import { devCollector } from 'trackplan/vite'
 * export default defineConfig({ plugins: [react(), devCollector({ plan })] })
 * // app
 * httpSink({ url: '/__trackplan/collect' })
 */
export function devCollector(options: DevCollectorOptions = {}): Plugin {
  const path = options.path ?? '/__trackplan/collect'
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000
  const events = keptList(options.maxKeptBytes ?? 5_000_000)
  const invalid = keptList(options.maxKeptBytes ?? 5_000_000)
  let files: { events: EventFile | undefined; invalid: EventFile | undefined } = { events: undefined, invalid: undefined }
  let collector: Collector | undefined
  const start = (): Collector => {
    const created = createCollector({
      store: listedAndFiled(events, files.events),
      quarantine: listedAndFiled(invalid, files.invalid),
      maxBodyBytes,
      log: (message) => console.warn(`[trackplan] devCollector: ${message}`),
      ...(options.plan ? { plan: options.plan } : {}),
    })
    collector = created
    return created
  }
  const collect = nodeHandler((request) => (collector ?? start()).handle(request))

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (request.method === 'GET') return reply(200, { events: events.records, duplicates: collector?.counters().duplicates ?? 0, invalid: invalid.records })
    if ((request.method === 'POST' || request.method === 'DELETE') && !isSameOrigin(request)) {
      request.resume()
      return reply(403, { error: 'only pages of this dev server may write here' })
    }
    if (request.method === 'DELETE') {
      events.clear()
      invalid.clear()
      // A fresh collector: its duplicates and counters start again too (the files are kept).
      start()
      return reply(200, { ok: true })
    }
    if (request.method === 'OPTIONS') return void response.writeHead(204).end()
    if (request.method !== 'POST') return reply(405, { error: 'POST events, GET to list them' })
    collect(request, response)
  }

  const mount = (server: { middlewares: { use(path: string, handler: typeof handle): unknown } }): void => {
    server.middlewares.use(path, handle)
  }

  return {
    name: 'trackplan:dev-collector',
    configResolved(config) {
      const file = (option: string | false | undefined, fallback: string): EventFile | undefined => (option === false ? undefined : jsonlFile(resolve(config.root, option ?? fallback)))
      files = { events: file(options.file, '.trackplan/events.jsonl'), invalid: file(options.quarantineFile, '.trackplan/invalid.jsonl') }
      collector = undefined
    },
    configureServer: mount,
    configurePreviewServer: mount,
  }
}
