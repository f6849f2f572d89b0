/** What `httpSink` does when the page hides, is left, or comes back online. */
export interface PageLifecycleHandlers {
  /** The page is hidden (it may never come back) or being unloaded ("pagehide"): last chance to send. */
  leaving(how: 'hidden' | 'pagehide'): void
  /** The page is visible again, or the network came back. */
  resumed(): void
}

/**
 * What the HTTP sink needs to know about the page. Swappable, so that tests and non-browser
 * runtimes can drive it (a server has no page and is always online).
 */
export interface PageLifecycle {
  /** Whether the browser says it is online. */
  isOnline(): boolean
  /** Starts telling `handlers` when the page hides, leaves or comes back online; returns the function that stops it. */
  listen(handlers: PageLifecycleHandlers): () => void
}

/**
 * Listens to `visibilitychange`, `pagehide`, `pageshow` and `online` where there is a document; elsewhere
 * (Node, workers) it is always online and never leaves.
 *
 * @example
 * httpSink({ url: '/collect', lifecycle: browserLifecycle })
 */
export const browserLifecycle: PageLifecycle = {
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  listen(handlers) {
    if (typeof window === 'undefined' || typeof document === 'undefined') return () => {}
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') handlers.leaving('hidden')
      else handlers.resumed()
    }
    const onPageHide = (): void => handlers.leaving('pagehide')
    const onOnline = (): void => handlers.resumed()
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', onPageHide)
    window.addEventListener('online', onOnline)
    window.addEventListener('pageshow', onOnline)
    return () => {
      window.removeEventListener('pageshow', onOnline)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onPageHide)
      window.removeEventListener('online', onOnline)
    }
  },
}
