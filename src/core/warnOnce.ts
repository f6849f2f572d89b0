import type { Logger } from './types.js'

// Development-only code, dropped from production builds: see CONTRIBUTING.md.
declare const process: { env: { NODE_ENV?: string } }

const MAX_REMEMBERED_WARNINGS = 200

/**
 * Each distinct problem is logged once: a warning in development, where problems are found; an
 * error in production, where only a tracker that validates there (`inProduction`) finds any.
 */
export function createWarnOnce(log: Logger, inProduction = false): (message: string) => void {
  const development = process.env.NODE_ENV !== 'production'
  const warned = new Set<string>()
  return (message) => {
    if (!(development || inProduction) || warned.has(message)) return
    if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear()
    warned.add(message)
    if (development) log.warn(message)
    else log.error(message)
  }
}
