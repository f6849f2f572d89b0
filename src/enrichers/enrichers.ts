import type { Enricher } from '../core.js'

export interface UrlOptions {
  /**
   * Query parameters to keep. Default none: query strings carry tokens, emails and session ids,
   * so URLs leave without them. `true` keeps them all.
   */
  keepQuery?: boolean | readonly string[]
}

/** A URL without user-info, its query string (or with only the allowed parameters) and its hash. */
export function cleanUrl(href: string, { keepQuery = false }: UrlOptions = {}): string {
  try {
    const url = new URL(href)
    url.hash = ''
    url.username = ''
    url.password = ''
    if (keepQuery === true) return url.href
    const kept = new URLSearchParams()
    if (Array.isArray(keepQuery)) for (const name of keepQuery) for (const value of url.searchParams.getAll(name)) kept.append(name, value)
    url.search = kept.toString()
    return url.href
  } catch {
    return ''
  }
}

/**
 * `context.app.version` on every event (kept beside what `context.app` already holds).
 *
 * @example
 * createTracker({ enrich: [appVersion(import.meta.env.VITE_APP_VERSION)] })
 */
export const appVersion =
  (version: string): Enricher =>
  ({ context }) => ({ app: { ...(typeof context.app === 'object' ? context.app : {}), version } })

/**
 * `context.locale` from the browser.
 *
 * @example
 * createTracker({ enrich: [locale()] })
 */
export const locale = (): Enricher => () => (typeof navigator === 'undefined' ? undefined : { locale: navigator.language })

/**
 * `context.screen: { width, height, density }`.
 *
 * @example
 * createTracker({ enrich: [screenSize()] })
 */
export const screenSize = (): Enricher => () =>
  typeof window === 'undefined' ? undefined : { screen: { width: window.screen.width, height: window.screen.height, density: window.devicePixelRatio } }

/**
 * `context.url: { href, path, title }`, the query string left out by default (see `UrlOptions`).
 *
 * @example
 * createTracker({ enrich: [pageUrl({ keepQuery: ['utm_source', 'utm_campaign'] })] })
 */
export const pageUrl =
  (options: UrlOptions = {}): Enricher =>
  () =>
    typeof location === 'undefined' ? undefined : { url: { href: cleanUrl(location.href, options), path: location.pathname, title: document.title } }

/**
 * `context.referrer`, without its query string.
 *
 * @example
 * createTracker({ enrich: [referrer()] })
 */
export const referrer = (): Enricher => () => (typeof document === 'undefined' || !document.referrer ? undefined : { referrer: cleanUrl(document.referrer) })
