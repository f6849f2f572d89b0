import type { Properties } from './types.js'

/** `record[key] = value`, but an own "__proto__" key stays a key (assigning it would set the prototype). */
export function put(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true })
  else record[key] = value
}

/** Copies `source`'s own enumerable keys onto `target`, as a spread would, "__proto__" included. */
export function assign(target: Properties, source: Properties): Properties {
  const keys = Object.keys(source)
  for (let index = 0; index < keys.length; index++) put(target, keys[index]!, source[keys[index]!])
  return target
}

/**
 * `{ ...first, ...second }`, copied key by key into a new object. Every event merges its contexts, and
 * V8 (Node 20, Chromium) takes a slow path for a spread after a spread: about 1.2 µs a merge, not 0.1 µs.
 */
export const merged = (first: Properties, second: Properties | undefined): Properties =>
  second === undefined ? assign({}, first) : assign(assign({}, first), second)
