import { createCollector, jsonlFile, memoryDedupe, redisDedupe, serveCollector, type CollectorOptions } from '../collector.js'
import { loadPlan } from './loadPlan.js'

/**
 * `trackplan collect <plan module>`: the collector as a server, until SIGINT or SIGTERM. Accepted
 * events go to `--out`, those that break the plan to `--quarantine` with their reasons.
 */
export async function collectCommand(planPath: string, flags: Map<string, string | true>, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const text = (name: string): string | undefined => {
    const value = flags.get(name)
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const port = Number(text('port') ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`--port must be a port number, got ${String(flags.get('port'))}`)
    return 2
  }
  const exportName = text('export')
  const plan = await loadPlan(planPath, exportName)
  const out = text('out') ?? '.trackplan/events.jsonl'
  const invalid = text('quarantine') ?? '.trackplan/invalid.jsonl'
  const redis = text('redis')
  const options: CollectorOptions = { plan, store: jsonlFile(out), quarantine: jsonlFile(invalid), dedupe: redis ? redisDedupe({ url: redis }) : memoryDedupe() }
  const key = text('key')
  if (key !== undefined) options.accessKey = key
  const collector = createCollector(options)
  const host = text('host') ?? '127.0.0.1'
  const origin = text('origin')
  const server = await serveCollector(collector, origin === undefined ? { port, host } : { port, host, origin })
  io.out(`trackplan collect: listening on ${server.url} (POST /collect, GET /health); events to ${out}, quarantine to ${invalid}${redis ? `, duplicates shared through ${redis}` : ''}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  await collector.close()
  return 0
}
