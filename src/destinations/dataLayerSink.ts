import type { Sink, TrackedEvent } from '../core.js'
import { createVendorSink } from './createVendorSink.js'
import { loadVendorScript } from './loadVendorScript.js'

/** The Google Tag Manager container to load, if any, and the loading limits. */
export interface DataLayerSinkOptions {
  /** GTM container id: the sink loads gtm.js itself. Without it, it only pushes to `window.dataLayer`. */
  containerId?: string
  scriptUrl?: string
  loadTimeoutMs?: number
  maxBuffered?: number
}

/** One event as a dataLayer entry: the name as `event`, the properties flat, the rest under `trackplan`. */
export function toDataLayerEntry(event: TrackedEvent): Record<string, unknown> {
  const { page, section } = event.context
  return {
    ...event.properties,
    event: event.name,
    trackplan: { id: event.id, type: event.type, page, section, userId: event.userId, anonymousId: event.anonymousId },
  }
}

/**
 * Pushes events to Google Tag Manager's `window.dataLayer`. With a `containerId` it loads gtm.js
 * too; a blocked script turns the sink into a no-op with one warning.
 *
 * @example
 * createTracker({ sinks: [dataLayerSink({ containerId: 'GTM-XXXXXX' })] })
 */
export function dataLayerSink({ containerId, scriptUrl, loadTimeoutMs = 10_000, maxBuffered = 100 }: DataLayerSinkOptions = {}): Sink {
  const layer = (): unknown[] => ((window as unknown as { dataLayer?: unknown[] }).dataLayer ??= [])
  return createVendorSink({
    name: 'dataLayer',
    maxBuffered,
    load: () => {
      if (typeof window === 'undefined') return Promise.reject(new Error('there is no window (server rendering)'))
      const src = scriptUrl ?? (containerId ? `https://www.googletagmanager.com/gtm.js?id=${encodeURIComponent(containerId)}` : undefined)
      if (!src) return Promise.resolve(layer())
      layer().push({ 'gtm.start': Date.now(), event: 'gtm.js' })
      return loadVendorScript(src, { timeoutMs: loadTimeoutMs })
    },
    deliver: (event) => {
      layer().push(toDataLayerEntry(event))
    },
  })
}
