import type { HttpSinkOptions, HttpSinkSettings } from './httpSinkOptions.js'
import { describeInput } from '../core/internal.js'

/** Timers fire at once beyond this many milliseconds (2^31 − 1): no delay option may exceed it. */
export const MAX_DELAY_MS = 2 ** 31 - 1

/**
 * Development only: a line for each number option given but not usable, saying what was used instead.
 * Kept apart so that production builds carry none of the option names.
 */
export function replacedNumbers(given: Partial<HttpSinkOptions>, settings: HttpSinkSettings): string[] {
  const problems: string[] = []
  const numbers: [label: string, value: unknown, used: number, minimum: number][] = [
    ['batch.maxEvents', given.batch?.maxEvents, settings.maxEvents, 1],
    ['batch.maxBytes', given.batch?.maxBytes, settings.maxBytes, 1],
    ['batch.intervalMs', given.batch?.intervalMs, settings.intervalMs, 0],
    ['concurrency', given.concurrency, settings.concurrency, 1],
    ['retry.baseDelayMs', given.retry?.baseDelayMs, settings.retry.baseDelayMs, 0],
    ['retry.maxDelayMs', given.retry?.maxDelayMs, settings.retry.maxDelayMs, 0],
    ['retry.maxAgeMs', given.retry?.maxAgeMs, settings.retry.maxAgeMs, 1],
    ['maxEventBytes', given.maxEventBytes, settings.maxEventBytes, 1],
    ['maxQueuedEvents', given.maxQueuedEvents, settings.maxQueuedEvents, 1],
    ['maxQueuedBytes', given.maxQueuedBytes, settings.maxQueuedBytes, 1],
    ['requestTimeoutMs', given.requestTimeoutMs, settings.requestTimeoutMs, 1],
  ]
  for (const [label, value, used, minimum] of numbers) {
    if (value !== undefined && value !== used) {
      problems.push(`${label} must be a finite number from ${minimum} to ${MAX_DELAY_MS}, got ${describeInput(value)}; using ${used}`)
    }
  }
  return problems
}
