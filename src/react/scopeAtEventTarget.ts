import { TrackingContext, type TrackingScope } from './TrackingContext.js'

interface FiberLike {
  type: unknown
  memoizedProps?: { value?: unknown }
  return: FiberLike | null
}

/**
 * Development only: the tracking scope around the element that the DOM event being handled now
 * happened on (a click on a button inside a `<TrackSection>` gives that section's scope), or
 * undefined outside an event. It reads React's fiber of the target, which only development needs:
 * a wrong answer here costs a warning, never an event.
 */
export function scopeAtEventTarget(): TrackingScope | undefined {
  try {
    const target = (globalThis as { event?: Event }).event?.target
    if (!target || typeof target !== 'object') return undefined
    const key = Object.keys(target).find((name) => name.startsWith('__reactFiber$'))
    let fiber = key ? ((target as unknown as Record<string, FiberLike | undefined>)[key] ?? null) : null
    for (; fiber; fiber = fiber.return) {
      // React 19 renders the context itself as its provider; React 18 a { _context } object.
      const type = fiber.type as { _context?: unknown } | null
      if (type === TrackingContext || type?._context === TrackingContext) return fiber.memoizedProps?.value as TrackingScope
    }
  } catch {
    // a foreign object as the event's target: no answer
  }
  return undefined
}

const warned = new Set<string>()

/**
 * Development only: warns once per event name when an event is tracked from a DOM event inside a
 * section that the tracking call does not know of: `useTracking()` was called in a component
 * outside the `<TrackSection>` (often the very component that renders it), so the event would go
 * out without the section, silently.
 */
export function warnIfSectionLost(scope: TrackingScope, name: string): void {
  const around = scopeAtEventTarget()
  const lost = around?.section
  if (!lost || lost === scope.section || warned.has(name)) return
  const known = scope.section?.path ?? []
  const insideKnown = known.every((section, index) => lost.path[index] === section) && lost.path.length > known.length
  if (!insideKnown) return
  warned.add(name)
  console.warn(
    `[trackplan] "${name}" was tracked from a ${(globalThis as { event?: Event }).event?.type ?? 'DOM'} event inside section ` +
      `"${lost.path.join(' › ')}", by a useTracking() called outside that section, so the event carries ` +
      `${known.length === 0 ? 'no section' : `section "${known.join(' › ')}"`}. Call useTracking() in a component inside ` +
      `the section, or take track from the section itself: <TrackSection name="${lost.name}">{({ track }) => …}</TrackSection>.`,
  )
}
