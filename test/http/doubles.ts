import type { KeyValueStorage, PageLifecycle, PageLifecycleHandlers } from 'trackplan/http'

/**
 * httpSink options for one attempt per batch within a test: a retry already on the wire when consent is
 * withdrawn or the page closes would reach the collector afterwards (a request that left cannot be
 * recalled), and the test could not tell what the sink sent after that moment from what it sent before.
 */
export const triesOnce = { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }

/** A Web Storage stand-in over a Map, shared between sinks the way tabs share localStorage. */
export function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size
    },
  }
}

/** A page lifecycle the test drives: go offline, come back, hide or unload the page. */
export function manualLifecycle() {
  let online = true
  const handlers = new Set<PageLifecycleHandlers>()
  const lifecycle: PageLifecycle = {
    isOnline: () => online,
    listen(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
  }
  return {
    lifecycle,
    setOnline(value: boolean) {
      online = value
      if (value) handlers.forEach((handler) => handler.resumed())
    },
    leave(how: 'hidden' | 'pagehide') {
      handlers.forEach((handler) => handler.leaving(how))
    },
  }
}
