/** The part of the Web Storage API trackplan uses; `localStorage` fits, and so does a test double. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>

/** `localStorage` (or `sessionStorage`) where it works, else undefined: private modes and sandboxes throw. */
export function browserStorage(kind: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStorage | undefined {
  try {
    const storage = globalThis[kind]
    if (!storage) return undefined
    const probe = 'trackplan:probe'
    storage.setItem(probe, '1')
    storage.removeItem(probe)
    return storage
  } catch {
    return undefined
  }
}
