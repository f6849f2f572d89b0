import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import { createCollector, fileStore, jsonlFile, nodeHandler, openStore, type Collector, type EventFile, type EventStore } from '../collector.js'
import type { TrackingPlan } from '../core.js'

/** Where the dev collector listens and stores, the plan it checks, and its limits. */
export interface DevCollectorOptions {
  /** Where the dev server accepts events (POST) and lists them (GET). Default "/__trackplan/collect". */
  path?: string
  /**
   * Where events are stored besides the list GET shows: a store URL (`duckdb:PATH`, PATH relative to
   * Vite's root; `postgres://…`; `clickhouse://…`) or an `EventStore`. Default
   * `duckdb:.trackplan/events.duckdb` when `@duckdb/node-api` is installed and no `file` is given,
   * so that the events of development can be queried; otherwise the JSONL files.
   */
  store?: string | EventStore
  /** JSONL file the events are appended to, relative to Vite's root; false for none. Default ".trackplan/events.jsonl" (when no database store is used). */
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
const noFile: EventFile = { append() {}, close() {} }

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

/** The store, with what it stored and quarantined also kept for GET. */
const listed = (inner: EventStore, events: { add(records: readonly unknown[]): void }, invalid: { add(records: readonly unknown[]): void }): EventStore => ({
  name: inner.name,
  dropsDuplicates: inner.dropsDuplicates,
  async write(accepted, quarantined) {
    const added = await inner.write(accepted, quarantined)
    events.add(accepted.filter((_, index) => added[index] !== false))
    invalid.add(quarantined)
    return added
  },
  close: () => inner.close(),
})

const duckdbInstalled = (): Promise<boolean> =>
  import('@duckdb/node-api').then(
    () => true,
    () => false,
  )

/** A store URL with a DuckDB path taken from Vite's root. */
const fromRoot = (url: string, root: string): string => (url.startsWith('duckdb:') && url !== 'duckdb::memory:' ? `duckdb:${resolve(root, url.slice('duckdb:'.length))}` : url)

/**
 * A Vite plugin that turns the dev server into an analytics collector for development: point an
 * `httpSink` at its path, and every event goes through `trackplan/collector` as in production (the
 * plan checked, duplicates dropped by id), is kept for GET (with what was quarantined and why), and
 * stored in a DuckDB file (tables made from the plan, as in production) or a JSONL file. No backend
 * to set up.
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
  let store: EventStore = fileStore(noFile)
  let collector: Collector | undefined
  const start = (): Collector => {
    const created = createCollector({
      store: listed(store, events, invalid),
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
    async configResolved(config) {
      const file = (option: string | false | undefined, fallback: string): EventFile => (option === false ? noFile : jsonlFile(resolve(config.root, option ?? fallback)))
      collector = undefined
      const plan = options.plan ? { plan: options.plan } : {}
      if (typeof options.store === 'object') store = options.store
      else if (typeof options.store === 'string') store = openStore(fromRoot(options.store, config.root), plan)
      else {
        store = fileStore(file(options.file, '.trackplan/events.jsonl'), file(options.quarantineFile, '.trackplan/invalid.jsonl'))
        if (options.file === undefined && (await duckdbInstalled())) store = openStore(fromRoot('duckdb:.trackplan/events.duckdb', config.root), plan)
      }
    },
    configureServer: mount,
    configurePreviewServer: mount,
  }
}
