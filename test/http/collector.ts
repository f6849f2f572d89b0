import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { afterEach, beforeEach } from 'vitest'

/** How the collector answers a request. */
export type Answer = number | { status: number; retryAfter?: string; location?: string; delayMs?: number } | 'hang' | 'drop'

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  raw: string
  body: unknown
  answer: Answer
}

export interface Collector {
  url: string
  requests: ReceivedRequest[]
  /** Answer every following request so (default 200). */
  answer(answer: Answer | ((request: ReceivedRequest) => Answer)): void
  /** Event ids received in answered-200 requests with the default `{ batch }` body, in order. */
  deliveredIds(): string[]
  close(): Promise<void>
}

type Route = (request: IncomingMessage, response: ServerResponse) => boolean

/**
 * A real HTTP collector on 127.0.0.1 at a random port. It records every request and answers as told:
 * a status (with Retry-After), never ('hang'), or by dropping the connection ('drop').
 * `route` may serve other paths first (pages for browser tests).
 */
export async function startCollector(route?: Route): Promise<Collector> {
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  let decide: (request: ReceivedRequest) => Answer = () => 200

  const server = createServer((request, response) => {
    if (route?.(request, response)) return
    if (request.method === 'OPTIONS') {
      response.writeHead(204, corsHeaders).end()
      return
    }
    let raw = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (raw += chunk))
    request.on('end', () => {
      let body: unknown
      try {
        body = JSON.parse(raw)
      } catch {
        body = undefined
      }
      const received: ReceivedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, raw, body, answer: 200 }
      received.answer = decide(received)
      requests.push(received)
      const answer = received.answer
      if (answer === 'hang') return
      if (answer === 'drop') {
        request.socket.destroy()
        return
      }
      const status = typeof answer === 'number' ? answer : answer.status
      const headers: Record<string, string> = { ...corsHeaders, 'content-type': 'application/json' }
      if (typeof answer === 'object' && answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter
      if (typeof answer === 'object' && answer.location !== undefined) headers.location = answer.location
      const respond = (): void => void response.writeHead(status, headers).end(status < 300 ? '{"ok":true}' : '{"ok":false}')
      if (typeof answer === 'object' && answer.delayMs) setTimeout(respond, answer.delayMs)
      else respond()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('collector has no port')

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    answer(answer) {
      decide = typeof answer === 'function' ? answer : () => answer
    },
    deliveredIds() {
      return requests
        .filter((request) => request.answer === 200 && Array.isArray((request.body as { batch?: unknown })?.batch))
        .flatMap((request) => (request.body as { batch: { id: string }[] }).batch.map((event) => event.id))
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, idempotency-key, x-analytics-key',
  'access-control-allow-methods': 'POST',
}

/** For a test file: a fresh collector for each test, and every sink a test put in `opened` closed after it. */
export function collectorPerTest(): { collector: Collector; opened: { close(): void }[] } {
  const scope = { collector: undefined as unknown as Collector, opened: [] as { close(): void }[] }
  beforeEach(async () => {
    scope.collector = await startCollector()
  })
  afterEach(async () => {
    scope.opened.splice(0).forEach((sink) => sink.close())
    await scope.collector.close()
  })
  return scope
}
