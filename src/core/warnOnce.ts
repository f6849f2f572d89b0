import type { Logger } from './types.js'

// Development-only code tests `process.env.NODE_ENV !== 'production'`, which bundlers replace in
// production builds so that minifiers drop what it guards. Code that runs on every call reads it once
// per factory into a local `development` constant, folded the same way (a module-level or imported
// constant is not folded by every bundler) and cheap in unbundled Node, where each read costs ~0.2 µs.
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
