import type { FlushResult } from './types.js'

/**
 * What `flush()` reports: each send that settles is one event delivered or dropped, each sink's own
 * flush counts its events, and whatever has not settled by `timeoutMs` is pending (a send: one event).
 */
export async function countDeliveries(sends: readonly Promise<boolean>[], flushes: readonly Promise<FlushResult | void>[], timeoutMs: number): Promise<FlushResult> {
  const result: FlushResult = { delivered: 0, dropped: 0, pending: 0 }
  if (sends.length + flushes.length === 0) return result
  let unsettled = sends.length
  const counted = [
    ...sends.map((send) =>
      send.then((delivered) => {
        unsettled--
        if (delivered) result.delivered++
        else result.dropped++
      }),
    ),
    ...flushes.map((wait) =>
      wait.then((counts) => {
        if (!counts) return
        result.delivered += counts.delivered
        result.dropped += counts.dropped
        result.pending += counts.pending
      }),
    ),
  ]
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => {
    if (Number.isFinite(timeoutMs)) timer = setTimeout(resolve, timeoutMs)
  })
  await Promise.race([Promise.allSettled(counted), timeout])
  clearTimeout(timer)
  result.pending += unsettled
  return result
}
