// A real HTTP collector on 127.0.0.1 (trackplan's batches at /collect, Segment's at /v1/…) that also
// serves the Chromium benchmark's page, so that page and collector share one origin.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BenchServer {
  origin: string
  /** Requests received per path, so that a run can show that the events did travel. */
  received: Map<string, number>
  close(): void
}

/** `answerAfterMs`: a collector that far away (each answer waits that long), for the server benchmark. */
export async function startBenchServer(files: Record<string, { path: string; type: string }> = {}, answerAfterMs = 0): Promise<BenchServer> {
  const received = new Map<string, number>()
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!
    const file = files[path]
    if (request.method === 'GET' && file) {
      // Cross-origin isolated, so that performance.now() counts in 5 µs steps, not 100 µs: a sample of
      // 1,000 calls of 0.5 µs lasts only 0.5 ms.
      response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' })
      response.end(readFileSync(file.path))
      return
    }
    // Any origin may post (a vendor's collector is cross-origin to the page), with any header.
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*', 'access-control-max-age': '600' }
    request.resume()
    request.on('end', () => {
      if (request.method === 'OPTIONS') return response.writeHead(204, cors).end()
      received.set(path, (received.get(path) ?? 0) + 1)
      const answer = (): void => {
        response.writeHead(request.method === 'POST' ? 200 : 404, { ...cors, 'content-type': 'application/json', 'content-length': '2' })
        response.end('{}')
      }
      if (answerAfterMs > 0) setTimeout(answer, answerAfterMs)
      else answer()
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, received, close: () => server.close() }
}
