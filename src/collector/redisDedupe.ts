import type { Dedupe } from './dedupe.js'
import { redisConnection } from './redisConnection.js'

/** Where `redisDedupe` keeps ids (a `redis://` URL), for how long, and under which key prefix. */
export interface RedisDedupeOptions {
  /** `redis://host:port[/db]`. */
  url: string
  /** How long an id is remembered. Default 24 h. */
  windowMs?: number
  /** Prepended to every key. Default "trackplan:seen:". */
  prefix?: string
}

/**
 * Ids remembered in Redis, shared by every collector instance that uses the same server: each id is
 * claimed with `SET key 1 NX PX window`, which only one instance can win. If Redis cannot be reached the
 * claim fails and the request is answered 503, to be retried: nothing is stored unchecked.
 *
 * @example
 * createCollector({ plan, dedupe: redisDedupe({ url: process.env.REDIS_URL! }) })
 */
export function redisDedupe(options: RedisDedupeOptions): Dedupe {
  const connection = redisConnection(options.url)
  const windowMs = options.windowMs ?? 24 * 60 * 60 * 1000
  const prefix = options.prefix ?? 'trackplan:seen:'
  return {
    async claim(ids) {
      const replies = await Promise.all(ids.map((id) => connection.command('SET', prefix + id, 1, 'PX', windowMs, 'NX')))
      return replies.map((reply) => reply === 'OK')
    },
    async release(ids) {
      if (ids.length > 0) await connection.command('DEL', ...ids.map((id) => prefix + id))
    },
    close: () => connection.close(),
  }
}
