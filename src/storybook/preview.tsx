import { useEffect, useState, type ComponentType, type ReactNode } from 'react'
import { addons } from 'storybook/preview-api'
// By package name, not path: the provider must be the very one the stories' components read from.
import { TrackingProvider, TrackPage, TrackSection } from 'trackplan'
import { devtoolsStore } from '../devtools/internal.js'
import { createTestTracker } from '../testing/internal.js'
import { ROWS_EVENT, storyTrackers, type TrackingParameters } from './storyTrackers.js'

interface StoryContext {
  id: string
  parameters: { tracking?: TrackingParameters }
}

function TrackedStory({ storyId, tracking = {}, children }: { storyId: string; tracking?: TrackingParameters; children: ReactNode }): ReactNode {
  const [tracker] = useState(() => {
    const created = createTestTracker({ validate: 'warn', logLevel: 'warn', ...(tracking.context ? { context: tracking.context } : {}) })
    storyTrackers().set(storyId, created)
    // Subscribed before the story renders, so that its first page and mount events are heard.
    const store = devtoolsStore(created)
    const channel = addons.getChannel()
    store.subscribe(() => channel.emit(ROWS_EVENT, { storyId, rows: store.rows() }))
    channel.emit(ROWS_EVENT, { storyId, rows: [] })
    return created
  })
  useEffect(() => () => {
    if (storyTrackers().get(storyId) === tracker) storyTrackers().delete(storyId)
  }, [storyId, tracker])

  const sections = tracking.section === undefined ? [] : Array.isArray(tracking.section) ? tracking.section : [tracking.section]
  let tree = sections.reduceRight<ReactNode>((inner, name) => <TrackSection name={name}>{inner}</TrackSection>, children)
  if (tracking.page) tree = <TrackPage {...tracking.page}>{tree}</TrackPage>
  return <TrackingProvider tracker={tracker}>{tree}</TrackingProvider>
}

/** Wraps every story in a TrackingProvider with an in-memory tracker of its own. */
export const decorators = [
  (Story: ComponentType, context: StoryContext): ReactNode => (
    <TrackedStory key={context.id} storyId={context.id} {...(context.parameters.tracking ? { tracking: context.parameters.tracking } : {})}>
      <Story />
    </TrackedStory>
  ),
]
