import { clickhouseStore } from './clickhouseStore.js'
import { duckdbStore } from './duckdbStore.js'
import { postgresStore } from './postgresStore.js'
import type { WarehouseStore, WarehouseStoreOptions } from './warehouseStore.js'

/** The store URLs `trackplan collect --store` and `openStore` take. */
export const storeUrls = 'duckdb:PATH, postgres://USER@HOST:PORT/DATABASE or clickhouse://USER:PASSWORD@HOST:PORT/DATABASE'

/**
 * The database store a URL names: `duckdb:PATH` (or `duckdb::memory:`), `postgres://…` or
 * `postgresql://…`, `clickhouse://…` (its HTTP interface, port 8123 by default). Throws, saying what
 * it takes, for anything else.
 *
 * @example
 * const store = openStore(process.env.TRACKPLAN_STORE ?? 'duckdb:.trackplan/events.duckdb', { plan })
 */
export function openStore(url: string, options: WarehouseStoreOptions = {}): WarehouseStore {
  if (url.startsWith('duckdb:')) {
    const path = url.slice('duckdb:'.length)
    if (path === '') throw new Error(`"${url}" names no file: duckdb:PATH, e.g. duckdb:.trackplan/events.duckdb`)
    return duckdbStore(path, options)
  }
  if (/^postgres(ql)?:\/\//.test(url)) return postgresStore(url, options)
  if (url.startsWith('clickhouse://')) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new Error(`"${url}" is not a URL: ${storeUrls}`)
    }
    const database = decodeURIComponent(parsed.pathname.slice(1))
    const http = `http://${parsed.hostname}:${parsed.port || '8123'}`
    return clickhouseStore(http, {
      ...options,
      ...(database === '' ? {} : { database }),
      ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
      ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    })
  }
  throw new Error(`"${url}" is not a store this collector knows: ${storeUrls}`)
}
