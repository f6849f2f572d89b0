import type { Logger } from './types.js'

// Written out at each use (`process.env.NODE_ENV !== 'production'`): every bundler replaces it in
// production builds and drops what it guards, which not all do through an imported constant.
declare const process: { env: { NODE_ENV?: string } }

const MAX_REMEMBERED_WARNINGS = 200

/** Development only (every problem is found in development): each distinct message is logged once. */
export function createWarnOnce(log: Logger): (message: string) => void {
  const warned = new Set<string>()
  return (message) => {
    if (process.env.NODE_ENV === 'production' || warned.has(message)) return
    if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear()
    warned.add(message)
    log.warn(message)
  }
}
