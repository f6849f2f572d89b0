import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { RequestSource } from './createCollector.js'

type Handle = (request: Request, from: RequestSource) => Promise<Response>

/**
 * Node's http (and Express, Fastify's raw objects) for a `Request` → `Response` handler: the request
 * is streamed in as it arrives (so size limits stop reading), the answer written back. The handler is
 * told the socket's address (behind a proxy, that is the proxy's).
 *
 * @example
 * http.createServer(nodeHandler((request, from) => collector.handle(request, from))).listen(8080)
 */
export function nodeHandler(handle: Handle) {
  return (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    void answer(handle, incoming, outgoing)
  }
}

async function answer(handle: Handle, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  try {
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD'
    const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`, {
      method: incoming.method ?? 'GET',
      headers,
      ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    } as RequestInit)
    const response = await handle(request, { address: incoming.socket.remoteAddress })
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  } catch (error) {
    if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' })
    outgoing.end(JSON.stringify({ error: `the collector failed: ${String(error)}` }))
  }
  // What the handler did not read (a body over the limit) is drained, so that the connection stays usable.
  incoming.resume()
}
