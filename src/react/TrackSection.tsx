import { useContext, useMemo, type ReactNode } from 'react'
import type { RegisteredSectionName } from '../core.js'
import { TrackingContext, type TrackingScope } from './TrackingContext.js'

export interface TrackSectionProps {
  name: RegisteredSectionName
  children?: ReactNode
}

/**
 * Adds a section to the context of events tracked inside. Nested sections make a path, outermost first,
 * so the same button can be told apart in the header and the footer.
 *
 * @example
 * <TrackSection name={SectionName.PAGE_FOOTER}>
 *   <RunQueryButton />
 * </TrackSection>
 */
export function TrackSection({ name, children }: TrackSectionProps): ReactNode {
  const parent = useContext(TrackingContext)
  const scope = useMemo((): TrackingScope => {
    const path = parent.section ? [...parent.section.path, name] : [name]
    return { ...parent, section: { name, path } }
  }, [parent, name])
  return <TrackingContext.Provider value={scope}>{children}</TrackingContext.Provider>
}
