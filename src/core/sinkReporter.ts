import { createLogger } from './createLogger.js'
import type { Logger, SinkContext, TrackingNotice } from './types.js'

/** What a sink uses to speak: the tracker's logger and reporter once attached, quiet defaults before. */
export interface SinkReporter {
  log: Logger
  report(notice: TrackingNotice): void
  /** Whether anyone hears reports; unknown (a sink used without a tracker) counts as yes. */
  listening(): boolean
  /** Takes the tracker's logger and reporter (from `start`, or `discard` before any start). */
  attach(context: SinkContext): void
}

/**
 * The late binding every sink repeats: a sink is made before the tracker that starts it, so its
 * logger and reporter arrive later, with `start(context)`.
 */
export function sinkReporter(): SinkReporter {
  const speaker: SinkReporter = {
    log: createLogger('warn'),
    report: () => {},
    listening: () => true,
    attach(context) {
      speaker.log = context.log
      speaker.report = context.report
      speaker.listening = () => context.listening !== false
    },
  }
  return speaker
}
