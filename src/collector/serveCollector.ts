import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Collector } from './createCollector.js'

/** Where `serveCollector` listens, and which browser origin may post to it. */
export interface ServeCollectorOptions {
  /** Default 8787; 0 for any free port. */
  port?: number
  /** Default "127.0.0.1": only this machine, until you say otherwise. */
  host?: string
  /** The browser origin allowed to POST (CORS), e.g. "https://app.example.com". Default: none. */
  origin?: string
}

/** A collector serving HTTP: where it listens, and how to stop it. */
export interface CollectorServer {
  /** Where it listens, e.g. "http://127.0.0.1:8787". */
  url: string
  /** Stops listening and closes every connection. */
  close(): Promise<void>
}

/**
 * The collector as an HTTP server: batches at `POST /collect` (CORS for `origin`, with the
 * `x-analytics-key` and `idempotency-key` headers), counters as JSON at `GET /health`. What
 * `trackplan collect` runs.
 */
export async function serveCollector(collector: Collector, options: ServeCollectorOptions = {}): Promise<CollectorServer> {
  const cors = (request: IncomingMessage): Record<string, string> =>
    options.origin !== undefined && request.headers.origin === options.origin
      ? { 'access-control-allow-origin': options.origin, 'access-control-allow-headers': 'content-type, x-analytics-key, idempotency-key', 'access-control-allow-methods': 'POST', 'access-control-max-age': '600', vary: 'origin' }
      : {}
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]
    for (const [name, value] of Object.entries(cors(request))) response.setHeader(name, value)
    if (path === '/health' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...collector.counters() }))
    } else if (path === '/collect' && request.method === 'OPTIONS') {
      response.writeHead(204).end()
    } else if (path === '/collect') {
      collector.handleNode(request, response)
    } else {
      request.resume()
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"POST /collect, GET /health"}')
    }
  })
  // A client that sends its headers a byte at a time, or never ends its request, is cut off.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
