import type { Logger, LogLevel } from './types.js'

const rank: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 }
const PREFIX = '[trackplan]'

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(rank, value)
}

/** Whether a logger at `level` prints messages of `wanted`. */
export function allows(level: LogLevel, wanted: Exclude<LogLevel, 'silent'>): boolean {
  return rank[level] >= rank[wanted]
}

/** A console logger that prints what `level` allows, each line prefixed with [trackplan]. */
export function createLogger(level: LogLevel): Logger {
  // console is looked up at call time so that tests and devtools can wrap it.
  const at =
    (wanted: Exclude<LogLevel, 'silent'>) =>
    (message: string, ...details: unknown[]): void => {
      if (allows(level, wanted)) console[wanted](`${PREFIX} ${message}`, ...details)
    }
  return { level, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}
