import { AsyncLocalStorage } from 'node:async_hooks'
import type { Sink, TrackedEvent } from '../core.js'
import type { Identity } from '../core/internal.js'

/** What every event tracked inside one request carries, wherever in the request's code it is tracked. */
export interface RequestScope {
  /** The request's user and anonymous ids; `identify()` and `reset()` change these, not the process's. */
  identity: Identity
  /** Merged into each event's context (request id, organization…). Frozen: read once. */
  context: Readonly<Record<string, unknown>> | undefined
  /** Set for a request whose events leave together when it ends (the GDQ tracker's per-request batch). */
  held: Map<Sink, { events: TrackedEvent[]; settled: Array<(result: unknown) => void> }> | undefined
}

/** One per server tracker: the scope of the request whose code is running now. */
export type ScopeStorage = AsyncLocalStorage<RequestScope>

export const createScopeStorage = (): ScopeStorage => new AsyncLocalStorage<RequestScope>()

/**
 * A sink whose events wait, inside a request that holds them, until that request ends; elsewhere
 * it is the sink itself. `send` returns a promise that settles once they were handed on, so
 * `flush()` waits for them too.
 */
export function holdable(sink: Sink, storage: ScopeStorage): Sink {
  const send = (events: TrackedEvent[]): void | Promise<void> => {
    const held = storage.getStore()?.held
    if (!held) return sink.send(events)
    let waiting = held.get(sink)
    if (!waiting) held.set(sink, (waiting = { events: [], settled: [] }))
    waiting.events.push(...events)
    const settled = waiting.settled
    return new Promise((resolve) => settled.push(resolve as (result: unknown) => void))
  }
  return Object.create(sink, { send: { value: send } }) as Sink
}

/** The request ended: each sink gets the request's events in one call (one batch over HTTP). */
export function release(scope: RequestScope, log: (message: string) => void): void {
  const held = scope.held
  if (!held) return
  scope.held = undefined
  for (const [sink, { events, settled }] of held) {
    let result: unknown
    try {
      result = sink.send(events)
    } catch (error) {
      log(`sink "${sink.name}" failed on a request's ${events.length} events: ${String(error)}`)
      result = Promise.reject(error)
    }
    for (const resolve of settled) resolve(result)
  }
}
