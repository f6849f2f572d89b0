import { useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { browserStorage } from '../core/internal.js'
import type { Tracker } from '../core.js'
import { scopeContext, TrackingContext, type TrackingScope } from './TrackingContext.js'

/** The experiment and the variant shown to the user. */
export interface TrackExperimentProps {
  name: string
  variant: string
  children?: ReactNode
}

const KEY = 'trackplan:exposures'

const asText = (value: unknown): string => {
  try {
    return String(value)
  } catch {
    return '[Unreadable]'
  }
}
const remembered = new WeakMap<Tracker, Set<string>>()

/** Whether this exposure was already sent in this session (sessionStorage, or memory where there is none). */
function firstExposure(tracker: Tracker, exposure: string): boolean {
  const storage = browserStorage('sessionStorage')
  let seen: string[] = []
  try {
    seen = JSON.parse(storage?.getItem(KEY) ?? '[]') as string[]
  } catch {
    // unreadable: count as unseen
  }
  const inMemory = remembered.get(tracker) ?? new Set<string>()
  remembered.set(tracker, inMemory)
  if (seen.includes(exposure) || inMemory.has(exposure)) return false
  inMemory.add(exposure)
  try {
    storage?.setItem(KEY, JSON.stringify([...seen, exposure]))
  } catch {
    // full or blocked: memory remembers for this page
  }
  return true
}

/**
 * Puts an experiment and its variant in `context.experiments` of every event inside, and sends one
 * `experiment.viewed` exposure event per experiment and variant per session (CommCare HQ's A/B tests).
 *
 * @example
 * <TrackExperiment name="new_onboarding" variant={variant}>
 *   <Onboarding />
 * </TrackExperiment>
 */
export function TrackExperiment(props: TrackExperimentProps): ReactNode {
  // Read as text: a name or variant that is not a string (a null-prototype object) must not unmount the app.
  const name = asText(props.name)
  const variant = asText(props.variant)
  const { children } = props
  const parent = useContext(TrackingContext)
  const { tracker } = parent
  const scope = useMemo((): TrackingScope => ({ ...parent, experiments: { ...parent.experiments, [name]: variant } }), [parent, name, variant])

  const exposed = useRef<string | null>(null)
  useEffect(() => {
    const exposure = `${name}=${variant}`
    if (!tracker || exposed.current === exposure) return
    exposed.current = exposure
    if (firstExposure(tracker, exposure)) {
      tracker.track({ name: 'experiment.viewed', properties: { experiment: name, variant } } as never, scopeContext(scope))
    }
  }, [tracker, name, variant, scope])

  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
