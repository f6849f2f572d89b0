import { allows } from './createLogger.js'
import type { LogLevel, Sink, TrackedEvent } from './types.js'

/** How much `consoleSink` prints. */
export interface ConsoleSinkOptions {
  /** Overrides the tracker's logLevel for this sink. */
  logLevel?: LogLevel
}

const describePlace = (event: TrackedEvent): string => {
  const { page, section } = event.context
  const place = [page && `${page.type === 'modal' ? 'modal' : 'page'} ${page.name}`, section?.path.join(' › ')]
  return place.filter(Boolean).join(' / ')
}

/**
 * Prints each event as a collapsed console group: name, page and section, then its properties.
 * Prints nothing at logLevel "silent"; at "debug" it adds the whole envelope.
 *
 * @example
 * const tracker = createTracker({ sinks: [consoleSink()], logLevel: 'debug' })
 */
export function consoleSink(options: ConsoleSinkOptions = {}): Sink {
  let level: LogLevel = options.logLevel ?? 'info'
  return {
    name: 'console',
    start({ log }) {
      level = options.logLevel ?? log.level
    },
    send(events) {
      if (level === 'silent') return
      for (const event of events) {
        const place = describePlace(event)
        console.groupCollapsed(`[trackplan] ${event.type} ${event.name}${place ? `  (${place})` : ''}`)
        console.log('properties', event.properties)
        if (allows(level, 'debug')) console.log('envelope', event)
        console.groupEnd()
      }
    },
  }
}
