import { join } from 'node:path'
import { httpSink, type HttpSink, type HttpSinkOptions } from '../http.js'
import { diskQueue } from './diskQueue.js'

/** `httpSink`'s options for a server: a journal on disk instead of localStorage. */
export interface ServerHttpSinkOptions extends Omit<HttpSinkOptions, 'storage' | 'lifecycle'> {
  /**
   * Where undelivered events survive the process (see `diskQueue`): default
   * `.trackplan/queue/<name>` under the working directory (`.trackplan/queue/http` without a
   * `name`); false keeps them in memory only.
   * Ignored when `journal` is given.
   */
  directory?: string | false
}

/**
 * `httpSink` with a server's defaults: batches of up to 100 events (500 kB) every 500 ms, 4 requests
 * in flight (8 while a flush waits), a queue of up to 100 000 events, and an append-only journal on
 * local disk, so that a restart delivers what a killed process could not. Every option can be changed.
 *
 * @example
 * const tracker = createServerTracker({ sinks: [serverHttpSink({ url: process.env.COLLECTOR_URL!, accessKey: process.env.ANALYTICS_KEY })] })
 */
export function serverHttpSink(options: ServerHttpSinkOptions): HttpSink {
  const given: Partial<ServerHttpSinkOptions> = typeof options === 'object' && options !== null ? options : {}
  const named = typeof given.name === 'string' && given.name !== ''
  // Messages name the function the app called; the journal keeps the folder it always had ("http").
  const name = named ? given.name! : 'serverHttpSink'
  const directory = given.directory === undefined ? join(process.cwd(), '.trackplan', 'queue', named ? name.replace(/[^\w.-]/g, '_') : 'http') : given.directory
  const settings: HttpSinkOptions = {
    concurrency: 4,
    maxQueuedEvents: 100_000,
    maxQueuedBytes: 100_000_000,
    ...given,
    name,
    url: given.url!,
    batch: { maxEvents: 100, maxBytes: 500_000, intervalMs: 500, ...given.batch },
    storage: 'memory',
  }
  const journal = given.journal ?? (directory === false ? undefined : diskQueue({ directory }))
  if (journal) settings.journal = journal
  return httpSink(settings)
}
