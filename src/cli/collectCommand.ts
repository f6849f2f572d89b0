import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createCollector, fileStore, jsonlFile, memoryDedupe, openStore, redisDedupe, serveCollector, type CollectorOptions, type EventStore } from '../collector.js'
import { loadPlan } from './loadPlan.js'
import { numberFlag, textFlag, type Flags } from './flags.js'

/** DuckDB when `@duckdb/node-api` is installed (a file to query, nothing to run); JSONL otherwise. */
export const defaultStoreUrl = 'duckdb:.trackplan/events.duckdb'
const duckdbInstalled = (): Promise<boolean> => import('@duckdb/node-api').then(
  () => true,
  () => false,
)

/**
 * `trackplan collect <plan module>`: the collector as a server, until SIGINT or SIGTERM. Accepted
 * events go to `--store` (a database URL) or `--out` (a JSONL file), those that break the plan to
 * the store's quarantine table or `--quarantine` with their reasons.
 */
export async function collectCommand(planPath: string, flags: Flags, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const port = numberFlag(flags, 'port', (value) => Number.isInteger(value) && value >= 0 && value <= 65_535, 'a port number') ?? 8787
  if (typeof port === 'object') {
    io.err(port.error)
    return 2
  }
  const plan = await loadPlan(planPath, textFlag(flags, 'export'))
  const out = textFlag(flags, 'out')
  const url = textFlag(flags, 'store') ?? (out === undefined && (await duckdbInstalled()) ? defaultStoreUrl : undefined)
  let store: EventStore
  let where: string
  if (url !== undefined) {
    const opened = openStore(url, { plan })
    // Tables are made now, so that a wrong URL or a refused login is said before the first batch.
    await opened.ready()
    store = opened
    where = `events to ${url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@')} (tables events, quarantine and one per planned event)`
  } else {
    const file = out ?? '.trackplan/events.jsonl'
    const invalid = textFlag(flags, 'quarantine') ?? '.trackplan/invalid.jsonl'
    // Said now, rather than as a 503 to every batch: a file that cannot be written.
    for (const path of [file, invalid]) {
      try {
        mkdirSync(dirname(resolve(path)), { recursive: true })
        closeSync(openSync(path, 'a'))
      } catch (error) {
        io.err(`trackplan collect: cannot write ${path} (${(error as Error).message})`)
        return 1
      }
    }
    store = fileStore(jsonlFile(file), jsonlFile(invalid))
    where = `events to ${file}, quarantine to ${invalid}`
  }
  const redis = textFlag(flags, 'redis')
  const options: CollectorOptions = { plan, store }
  if (redis !== undefined) options.dedupe = redisDedupe({ url: redis })
  else if (!store.dropsDuplicates) options.dedupe = memoryDedupe()
  const bodyTimeout = numberFlag(flags, 'body-timeout', (ms) => ms > 0, 'a number of ms')
  const perSecond = numberFlag(flags, 'rate-limit', (rate) => rate >= 0, 'a number of requests a second per address (0 for none)')
  for (const flag of [bodyTimeout, perSecond]) {
    if (typeof flag === 'object') {
      io.err(flag.error)
      return 2
    }
  }
  if (typeof bodyTimeout === 'number') options.bodyTimeoutMs = bodyTimeout
  if (typeof perSecond === 'number') options.rateLimit = perSecond === 0 ? false : { perSecond }
  const key = textFlag(flags, 'key')
  if (key !== undefined) options.accessKey = key
  const collector = createCollector(options)
  const host = textFlag(flags, 'host') ?? '127.0.0.1'
  const origin = textFlag(flags, 'origin')
  const server = await serveCollector(collector, origin === undefined ? { port, host } : { port, host, origin })
  io.out(`trackplan collect: listening on ${server.url} (POST /collect, GET /health); ${where}${redis ? `, duplicates shared through ${redis}` : ''}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await collector.close()
  return 0
}
