import { useContext, useMemo, type ReactNode } from 'react'
import type { RegisteredSectionName } from '../core.js'
import { TrackingContext, type TrackingScope } from './TrackingContext.js'
import { useTracking, type TrackingApi } from './useTracking.js'

/** The section the children are in. */
export interface TrackSectionProps {
  name: RegisteredSectionName
  /** What the section holds; or a function of the section's own tracking functions, for handlers written right here. */
  children?: ReactNode | ((tracking: TrackingApi) => ReactNode)
}

/** Calls a render function with tracking functions bound inside the section. */
function WithSectionTracking({ render }: { render: (tracking: TrackingApi) => ReactNode }): ReactNode {
  return render(useTracking())
}

/**
 * Adds a section to the context of events tracked inside. Nested sections make a path, outermost first,
 * so the same button can be told apart in the header and the footer. A component that renders a
 * section and tracks its own clicks inside it takes `track` from the section (children as a function):
 * the `track` of its own `useTracking()` is outside the section.
 *
 * @example
 * <TrackSection name={SectionName.PAGE_FOOTER}>
 *   <RunQueryButton />
 * </TrackSection>
 *
 * <TrackSection name={SectionName.PAGE_FOOTER}>
 *   {({ track }) => <button onClick={() => track({ name: EventName.RUN_QUERY_BUTTON_CLICKED })}>Run</button>}
 * </TrackSection>
 */
export function TrackSection({ name, children }: TrackSectionProps): ReactNode {
  const parent = useContext(TrackingContext)
  const scope = useMemo((): TrackingScope => {
    const path = parent.section ? [...parent.section.path, name] : [name]
    return { ...parent, section: { name, path } }
  }, [parent, name])
  return (
    <TrackingContext.Provider value={scope}>
      {typeof children === 'function' ? <WithSectionTracking render={children} /> : children}
    </TrackingContext.Provider>
  )
}
