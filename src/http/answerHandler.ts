import type { SinkReporter } from '../core/internal.js'
import type { Batch } from './batches.js'
import type { HttpSinkSettings } from './httpSinkOptions.js'
import type { Outbox } from './outbox.js'
import type { ProblemLog } from './problemLog.js'
import type { RetryPolicy } from './retryPolicy.js'
import type { SendResult } from './sendBatch.js'

/** While a flush waits (a page leaving, a server shutting down), a failed request is retried this soon at most. */
const HURRIED_RETRY_MS = 500

/**
 * What the collector's answer does to its batch: acknowledged, split after a 413, dropped with a
 * reason, parked (a keepalive request the leaving page never heard back from) or queued again for
 * a retry, with one problem line per cause and a notice per event to those who listen.
 */
export function createAnswerHandler(settings: HttpSinkSettings, outbox: Outbox, retry: RetryPolicy, speaker: SinkReporter, problem: ProblemLog) {
  const { name, lifecycle } = settings
  const { queue } = outbox
  // Said once per sink: a wrong address fails every request the same way.
  let misconfigured = false

  const retryLater = (batch: Batch, result: { reason: string; retryAfterMs?: number; misconfiguration?: string }, hurried: boolean): void => {
    queue.unshift(batch.entries)
    if (result.misconfiguration && !misconfigured) {
      misconfigured = true
      speaker.log.error(`httpSink "${name}": url ${result.misconfiguration}; events kept until it is the final address`)
    }
    // Offline is not the collector's fault: wait for "online" without counting a failure.
    if (!lifecycle.isOnline()) return
    // A flush (shutdown, a page leaving) has a deadline: it retries soon rather than wait out the backoff.
    const delayMs = retry.failed(result.retryAfterMs, hurried ? HURRIED_RETRY_MS : undefined)
    const waiting = queue.length
    problem(`retry ${result.reason}`, 1, (count) => `httpSink "${name}": ${result.reason}${count > 1 ? ` on ${count} requests` : ''}; ${waiting} events kept, retrying`)
    if (!speaker.listening()) return
    for (const entry of batch.entries) {
      speaker.report({ type: 'retried', event: outbox.eventOf(entry), sink: name, attempt: retry.failures, reason: result.reason, delayMs })
    }
  }

  /**
   * `keepalive`: how the batch was sent; `leavingPage`: the page was hidden or unloaded when the
   * answer came; `hurried`: a flush is waiting.
   */
  return (batch: Batch, result: SendResult, keepalive: boolean, leavingPage: boolean, hurried: boolean): void => {
    const discarded = result.kind !== 'sent' && outbox.discarded(batch)
    if (discarded) return outbox.drop(batch.entries, discarded)
    switch (result.kind) {
      case 'sent':
        retry.succeeded()
        outbox.delivered(batch.entries)
        break
      case 'split':
        if (batch.entries.length > 1) {
          retry.tooLarge(batch.entries.length)
          for (const entry of batch.entries) delete entry.batchKey
          queue.unshift(batch.entries)
        } else {
          const refused = outbox.eventOf(batch.entries[0]!).name
          problem('413', 1, (count) => `httpSink "${name}": the collector refused ${count} events as too large (413), "${refused}" the last; dropped`)
          outbox.drop(batch.entries, 'HTTP 413')
        }
        break
      case 'drop':
        problem(result.reason, batch.entries.length, (count) => `httpSink "${name}": the collector answered ${result.reason}; ${count} events dropped, not retried`)
        outbox.drop(batch.entries, result.reason)
        break
      default:
        // A keepalive request outlives the page that sent it, even when the page stops hearing from it:
        // resending it now would only duplicate it. It stays stored, and is resent if the page comes back.
        if (result.kind === 'unanswered' && keepalive && leavingPage) outbox.park(batch.entries)
        else retryLater(batch, result, hurried)
    }
    outbox.stored.writeAnswered()
  }
}
