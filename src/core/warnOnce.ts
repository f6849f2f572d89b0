import type { Logger } from './types.js'

// Development-only code tests `process.env.NODE_ENV !== 'production'`, which bundlers replace in
// production builds so that minifiers drop what it guards. Code that runs on every call reads it once
// per factory into a local `development` constant, folded the same way (a module-level or imported
// constant is not folded by every bundler) and cheap in unbundled Node, where each read costs ~0.2 µs.
declare const process: { env: { NODE_ENV?: string } }

const MAX_REMEMBERED_WARNINGS = 200

/** Development only (every problem is found in development): each distinct message is logged once. */
export function createWarnOnce(log: Logger): (message: string) => void {
  const development = process.env.NODE_ENV !== 'production'
  const warned = new Set<string>()
  return (message) => {
    if (!development || warned.has(message)) return
    if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear()
    warned.add(message)
    log.warn(message)
  }
}
