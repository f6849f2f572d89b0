import type { KeyValueStorage, PageLifecycle, PageLifecycleHandlers } from 'trackplan/http'

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
