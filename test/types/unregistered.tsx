// Type tests, checked by `tsc` in `npm test`: without a Register, names are plain strings.
import { createTracker, TrackPage, TrackSection, useTracking, type RegisteredEventName, type TrackedEvent } from 'trackplan'

const tracker = createTracker()
tracker.track({ name: 'anything.goes' })
tracker.track({ name: 'anything.goes', properties: { any: 'shape', nested: { ok: true } } })
tracker.page({ name: 'any_page', category: 'any_category' })
const name: RegisteredEventName = 'any string'
void name

// @ts-expect-error a name is still required
tracker.track({})
// @ts-expect-error properties are an object
tracker.track({ name: 'a.b', properties: 'x' })
// @ts-expect-error page type is page or modal
tracker.page({ name: 'p', type: 'popup' })

export function Page(): React.ReactNode {
  const { track } = useTracking()
  track({ name: 'free.form' })
  return (
    <TrackPage name="any" type="modal">
      <TrackSection name="any_section">x</TrackSection>
    </TrackPage>
  )
}

export function readEnvelope(event: TrackedEvent): string | undefined {
  // @ts-expect-error userId may be absent
  const id: string = event.userId
  void id
  return event.context.section?.path.join('/')
}
