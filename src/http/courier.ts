import { batchBody, type Batch } from './batches.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'
import type { Outbox } from './outbox.js'
import type { ProblemLog } from './problemLog.js'
import { sendBatch, type SendResult } from './sendBatch.js'

/** Chromium and Firefox allow this many bytes of keepalive request bodies in flight at once. */
const KEEPALIVE_BUDGET = 64 * 1024

/** Takes one batch to the collector; resolves once its answer has been handed on. */
export type Courier = (batch: Batch, onlyWithKeepalive?: boolean) => Promise<void>

/**
 * Takes batches to the collector, one request each: builds the body (a `format` that throws drops
 * its batch, with a problem line), sends it with keepalive while the browser's keepalive budget
 * allows (so that it outlives the page), keeps it in flight meanwhile, and hands the answer on.
 * `onlyWithKeepalive` (the page is leaving) queues a batch again rather than send it without.
 */
export function createCourier(
  settings: HttpSinkSettings,
  outbox: Outbox,
  problem: ProblemLog,
  answered: (batch: Batch, result: SendResult, keepalive: boolean) => void,
): Courier {
  const { inFlight, queue } = outbox
  let keepaliveBytes = 0
  return async (batch, onlyWithKeepalive = false) => {
    let built: [payload: string, bytes: number]
    try {
      built = batchBody(batch, settings.format, outbox.eventOf)
    } catch (error) {
      problem('format', batch.entries.length, (count) => `httpSink "${settings.name}": format threw (${String(error)}); ${count} events dropped`)
      return outbox.drop(batch.entries, 'format failed')
    }
    const [payload, size] = built
    const keepalive = size <= KEEPALIVE_BUDGET - keepaliveBytes
    if (onlyWithKeepalive && !keepalive) return queue.unshift(batch.entries)
    inFlight.add(batch)
    if (keepalive) keepaliveBytes += size
    const result = await sendBatch(settings, batch, payload, keepalive)
    inFlight.delete(batch)
    if (keepalive) keepaliveBytes -= size
    answered(batch, result, keepalive)
  }
}
