import type { Enricher } from '../core.js'
import { redactSecretSegments } from './secretSegments.js'

/** What `pageUrl`, `referrer` and `cleanUrl` keep of a URL. */
export interface UrlOptions {
  /**
   * Query parameters to keep. Default none: query strings carry tokens, emails and session ids,
   * so URLs leave without them. `true` keeps them all.
   */
  keepQuery?: boolean | readonly string[]
  /** Path segments that look like secrets (tokens, signed links) are sent as `:redacted`; false keeps them. Default true. */
  redactPath?: boolean
}

/** A URL without user-info, its query string (or with only the allowed parameters), its hash, and path segments that look like secrets. */
export function cleanUrl(href: string, { keepQuery = false, redactPath = true }: UrlOptions = {}): string {
  try {
    const url = new URL(href)
    url.hash = ''
    url.username = ''
    url.password = ''
    if (redactPath) url.pathname = redactSecretSegments(url.pathname)
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
 * What an enricher returns, the same frozen object for as long as what it was made from is the same:
 * the tracker reads a frozen context once, so an unchanged screen, URL or locale costs nothing per event.
 */
function sameWhileUnchanged<Output extends object>(make: (a: unknown, b?: unknown, c?: unknown) => Output): (a: unknown, b?: unknown, c?: unknown) => Output {
  let inputs: [unknown, unknown, unknown] | undefined
  let output!: Output
  return (a, b, c) => {
    if (!inputs || !Object.is(a, inputs[0]) || !Object.is(b, inputs[1]) || !Object.is(c, inputs[2])) {
      inputs = [a, b, c]
      output = Object.freeze(make(a, b, c))
    }
    return output
  }
}

/**
 * A browser value read once and kept until the window fires `change` (each read of navigator, screen
 * or location costs 0.2–0.8 µs in Chromium, more than the rest of track()).
 */
function readUntil<Value>(change: string, read: () => Value, target: EventTarget | undefined = globalThis.window): () => Value {
  if (!target) return read
  let value: Value | undefined
  let listening = false
  return () => {
    if (!listening) {
      listening = true
      target.addEventListener(change, () => (value = undefined))
    }
    return (value ??= read())
  }
}

/**
 * document.title, read again only once <head> has changed. Reading it walks the document for its
 * <title> (0.6 µs in jsdom, more than the rest of track()); a MutationObserver on <head> says when
 * it may have changed, and takeRecords() says so at once, so a title set just before an event is
 * the one the event carries. A <title> outside <head> (parsed from the body) is read on every event.
 */
function headTitle(): () => string {
  let observer: MutationObserver | undefined
  let title: string | undefined
  const read = (): string => {
    const current = document.title
    const element = document.querySelector('title')
    if (!element || document.head?.contains(element)) title = current
    return current
  }
  const watch = (): MutationObserver | undefined => {
    // The document's own window's MutationObserver: where globals were copied from a window (jsdom),
    // the global one may be missing.
    const Observer = document.defaultView?.MutationObserver
    if (!document.head || !Observer) return undefined
    const watching = new Observer(() => (title = undefined))
    watching.observe(document.head, { childList: true, subtree: true, characterData: true })
    return watching
  }
  return () => {
    observer ??= watch()
    if (!observer) return document.title
    if (observer.takeRecords().length > 0) title = undefined
    return title ?? read()
  }
}

const pathOf = (href: string, redactPath: boolean): string => {
  let path: string
  try {
    path = new URL(href).pathname
  } catch {
    path = location.pathname
  }
  return redactPath ? redactSecretSegments(path) : path
}

/**
 * `context.app.version` on every event (kept beside what `context.app` already holds).
 *
 * @example
 * createTracker({ enrich: [appVersion(import.meta.env.VITE_APP_VERSION)] })
 */
export const appVersion = (version: string): Enricher => {
  const output = sameWhileUnchanged((app) => ({ app: Object.freeze({ ...(typeof app === 'object' ? app : {}), version }) }))
  return ({ context }) => output(context.app)
}

/**
 * `context.locale` from the browser, read again after a `languagechange`.
 *
 * @example
 * createTracker({ enrich: [locale()] })
 */
export const locale = (): Enricher => {
  const output = sameWhileUnchanged((language) => ({ locale: language }))
  const read = readUntil('languagechange', () => output(navigator.language))
  return typeof navigator === 'undefined' ? () => undefined : read
}

/**
 * `context.screen: { width, height, density }`, read again after each `resize`.
 *
 * @example
 * createTracker({ enrich: [screenSize()] })
 */
export const screenSize = (): Enricher => {
  const output = sameWhileUnchanged((width, height, density) => ({ screen: Object.freeze({ width, height, density }) }))
  const read = readUntil('resize', () => output(window.screen.width, window.screen.height, window.devicePixelRatio))
  return typeof window === 'undefined' ? () => undefined : read
}

/**
 * `context.url: { href, path, title }`, the query string left out by default (see `UrlOptions`).
 *
 * @example
 * createTracker({ enrich: [pageUrl({ keepQuery: ['utm_source', 'utm_campaign'] })] })
 */
export const pageUrl = (options: UrlOptions = {}): Enricher => {
  const output = sameWhileUnchanged((href, title) => ({ url: Object.freeze({ href: cleanUrl(href as string, options), path: pathOf(href as string, options.redactPath !== false), title }) }))
  // Where the Navigation API tells of every change of URL (pushState included), location.href (0.5 µs
  // in Chromium) is read once per URL; elsewhere on every event.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation
  const href = navigation ? readUntil('currententrychange', () => location.href, navigation) : () => location.href
  const title = headTitle()
  return typeof location === 'undefined' ? () => undefined : () => output(href(), title())
}

/**
 * `context.referrer`, without its query string.
 *
 * @example
 * createTracker({ enrich: [referrer()] })
 */
export const referrer = (): Enricher => {
  const output = sameWhileUnchanged((href) => ({ referrer: cleanUrl(href as string) }))
  return () => (typeof document === 'undefined' || !document.referrer ? undefined : output(document.referrer))
}
