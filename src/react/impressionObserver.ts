export interface ImpressionTarget {
  /** Called when at least the threshold of the element is in view, and when it no longer is. */
  visibilityChanged(visible: boolean): void
}

export interface ImpressionObserver {
  observe(element: Element, target: ImpressionTarget): void
  unobserve(element: Element): void
}

const observers = new WeakMap<object, Map<number, ImpressionObserver>>()

/**
 * One IntersectionObserver per owner (the tracker) and threshold, shared by every element that uses
 * them, so that a list of a thousand tracked cards costs one observer. Undefined where the browser
 * has no IntersectionObserver (server rendering, old browsers, jsdom): then nothing is observed.
 */
export function sharedImpressionObserver(owner: object, threshold: number): ImpressionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined
  let byThreshold = observers.get(owner)
  if (!byThreshold) observers.set(owner, (byThreshold = new Map()))
  const existing = byThreshold.get(threshold)
  if (existing) return existing

  const targets = new Map<Element, ImpressionTarget>()
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        // A ratio just under the threshold counts: the observer fires when crossing it, rounding included.
        targets.get(entry.target)?.visibilityChanged(entry.isIntersecting && entry.intersectionRatio >= threshold - 0.001)
      }
    },
    { threshold },
  )
  const shared: ImpressionObserver = {
    observe(element, target) {
      targets.set(element, target)
      observer.observe(element)
    },
    unobserve(element) {
      targets.delete(element)
      observer.unobserve(element)
    },
  }
  byThreshold.set(threshold, shared)
  return shared
}
