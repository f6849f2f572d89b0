import type { Properties, Sink, TrackedEvent } from '../core.js'
import { createVendorSink } from './createVendorSink.js'
import { loadVendorScript } from './loadVendorScript.js'

type Gtag = (...args: unknown[]) => void
interface GtagWindow {
  gtag?: Gtag
  dataLayer?: unknown[]
}

/** The GA4 measurement id to load, if any, how events are named for it, and the loading limits. */
export interface GtagSinkOptions {
  /** GA4 measurement id: the sink loads gtag.js itself. Without it, it uses the `window.gtag` already on the page. */
  measurementId?: string
  /** Where gtag.js is loaded from. Default Google's, for `measurementId`. */
  scriptUrl?: string
  /** How long the script may take before the sink gives up. Default 10 000. */
  loadTimeoutMs?: number
  /** GA4 event names allow letters, digits and underscores: by default dots become underscores. */
  eventName?: (event: TrackedEvent) => string
  maxBuffered?: number
}

/** GA4 parameters are flat: primitives pass, the rest is left out. */
export function flatParameters(properties: Properties): Record<string, string | number | boolean> {
  const flat: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flat[key] = value
  }
  return flat
}

const defaultEventName = (event: TrackedEvent): string => event.name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)

/**
 * Sends to Google Analytics 4 through `gtag`: events as `gtag('event', …)`, pages as `page_view`,
 * identify as `user_id` and user properties. A blocked gtag.js turns the sink into a no-op with one warning.
 *
 * @example
 * createTracker({ sinks: [gtagSink({ measurementId: 'G-XXXXXXX' })] })
 */
export function gtagSink({ measurementId, scriptUrl, loadTimeoutMs = 10_000, eventName = defaultEventName, maxBuffered = 100 }: GtagSinkOptions = {}): Sink {
  const page = (): GtagWindow => window as unknown as GtagWindow
  return createVendorSink({
    name: 'gtag',
    maxBuffered,
    load: () => {
      if (typeof window === 'undefined') return Promise.reject(new Error('there is no window (server rendering)'))
      const src = scriptUrl ?? (measurementId ? `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(measurementId)}` : undefined)
      if (!src) return typeof page().gtag === 'function' ? Promise.resolve() : Promise.reject(new Error('window.gtag is not on the page'))
      const target = page()
      target.dataLayer ??= []
      // Google's snippet: gtag queues its calls on dataLayer until gtag.js reads them.
      target.gtag ??= function gtag() {
        // eslint-disable-next-line prefer-rest-params
        target.dataLayer!.push(arguments)
      }
      target.gtag('js', new Date())
      if (measurementId) target.gtag('config', measurementId, { send_page_view: false })
      return loadVendorScript(src, { timeoutMs: loadTimeoutMs })
    },
    deliver: (event) => {
      const gtag = page().gtag!
      const { page: where, section } = event.context
      const context = { ...(where ? { page_name: where.name, page_type: where.type } : {}), ...(section ? { section: section.path.join('/') } : {}) }
      if (event.type === 'page') gtag('event', 'page_view', { page_title: event.name, ...context, ...flatParameters(event.properties) })
      else if (event.type === 'identify') {
        if (event.userId) gtag('set', { user_id: event.userId })
        gtag('set', 'user_properties', flatParameters(event.properties))
      } else gtag('event', eventName(event), { ...context, ...flatParameters(event.properties) })
    },
  })
}
