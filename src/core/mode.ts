declare const process: { env: { NODE_ENV?: string } }

/**
 * False once the app's bundler has replaced `process.env.NODE_ENV` with "production".
 * Read inside try: an unbundled browser has no `process`, and counts as development.
 */
export const isDevelopment: boolean = (() => {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
})()
