const loads = new Map<string, Promise<void>>()

/**
 * Adds a vendor's `<script>` once per page and resolves when it has loaded. Rejects when it is
 * blocked (an ad blocker, a 404), never answers within `timeoutMs`, or there is no document.
 * One attempt per URL: a second call gets the first call's outcome.
 *
 * @example
 * await loadVendorScript('https://www.googletagmanager.com/gtag/js?id=G-XXXX', { timeoutMs: 5000 })
 */
export function loadVendorScript(src: string, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
  if (typeof document === 'undefined') return Promise.reject(new Error('there is no document (server rendering)'))
  const existing = loads.get(src)
  if (existing) return existing
  const loading = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    const fail = (reason: string): void => {
      clearTimeout(timer)
      reject(new Error(`${src} ${reason}`))
    }
    const timer = setTimeout(() => fail(`gave no answer in ${timeoutMs} ms`), timeoutMs)
    script.async = true
    script.src = src
    script.onload = () => {
      clearTimeout(timer)
      resolve()
    }
    script.onerror = () => fail('was blocked or failed to load')
    document.head.append(script)
  })
  // Handled here too: a failed load must never surface as an unhandled rejection.
  loading.catch(() => {})
  loads.set(src, loading)
  return loading
}
