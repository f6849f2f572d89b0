import { useCallback, useEffect, useRef } from 'react'
import type { TrackInput } from '../core.js'
import { sharedImpressionObserver } from './impressionObserver.js'
import { useTracker, useTracking } from './useTracking.js'

/** How much of an element must be seen, for how long, and whether only the first time. */
export interface ImpressionOptions {
  /** Share of the element that must be visible, 0 to 1. Default 0.5. */
  threshold?: number
  /** How long it must stay visible. Default 1000. */
  dwellMs?: number
  /** Send only once (default), or again each time it leaves and comes back. */
  once?: boolean
}

/**
 * Sends the event once when at least `threshold` of the element has stayed visible for `dwellMs`:
 * nothing for elements scrolled past faster, nothing again on re-renders. Returns the ref to attach.
 * Where there is no IntersectionObserver, nothing is sent and nothing breaks.
 *
 * @example
 * function SuggestionCard({ id }: { id: string }) {
 *   const ref = useTrackImpression({ name: EventName.AI_SUGGESTION_VIEWED, properties: { id } })
 *   return <div ref={ref}>…</div>
 * }
 */
export function useTrackImpression<E extends Element = HTMLElement>(
  event: TrackInput,
  { threshold = 0.5, dwellMs = 1000, once = true }: ImpressionOptions = {},
): (element: E | null) => void {
  const { track } = useTracking()
  const tracker = useTracker()
  const latest = useRef({ event, dwellMs, once, track })
  latest.current = { event, dwellMs, once, track }
  const state = useRef({ sent: false, timer: undefined as ReturnType<typeof setTimeout> | undefined, element: null as E | null })
  const observer = tracker ? sharedImpressionObserver(tracker, clamp(threshold)) : undefined

  useEffect(() => () => clearTimeout(state.current.timer), [])

  return useCallback(
    (element: E | null) => {
      const current = state.current
      if (current.element && current.element !== element) {
        observer?.unobserve(current.element)
        clearTimeout(current.timer)
      }
      current.element = element
      if (!element || !observer) return
      observer.observe(element, {
        visibilityChanged(visible) {
          clearTimeout(current.timer)
          if (!visible) {
            if (!latest.current.once) current.sent = false
            return
          }
          if (current.sent) return
          current.timer = setTimeout(() => {
            current.sent = true
            latest.current.track(latest.current.event)
            if (latest.current.once) observer.unobserve(element)
          }, latest.current.dwellMs)
        },
      })
    },
    [observer],
  )
}

const clamp = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5)
