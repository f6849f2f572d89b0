import type { Logger } from '../core.js'
import { unref } from './unref.js'

/** Reports a problem: `describe` says it for a count (of events, of attempts) that `count` adds to. */
export type ProblemLog = (cause: string, count: number, describe: (count: number) => string) => void

/**
 * Delivery problems at error level in every build, one line per cause per interval, never one per
 * event: the first occurrence at once, the rest summed into one line when the interval ends. A
 * cause quiet for a whole interval is said at once again when it comes back.
 */
export function problemLog(log: () => Logger, intervalMs = 30_000): ProblemLog {
  const causes = new Map<string, { count: number; describe: (count: number) => string }>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const summarize = (): void => {
    timer = undefined
    for (const [cause, since] of causes) {
      if (since.count === 0) causes.delete(cause)
      else log().error(`${since.describe(since.count)} (in the last ${intervalMs / 1000} s)`)
      since.count = 0
    }
    if (causes.size > 0) timer = unref(setTimeout(summarize, intervalMs))
  }
  return (cause, count, describe) => {
    const known = causes.get(cause)
    if (known) {
      known.count += count
      known.describe = describe
      return
    }
    causes.set(cause, { count: 0, describe })
    log().error(describe(count))
    timer ??= unref(setTimeout(summarize, intervalMs))
  }
}
