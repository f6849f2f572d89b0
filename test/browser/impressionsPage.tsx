// The page of the impression test: 100 tall cards in a list, each reported after 600 ms in view.
import { createRoot } from 'react-dom/client'
import { createTracker, memorySink, TrackingProvider, useTrackImpression } from 'trackplan'

const sink = memorySink()
const tracker = createTracker({ sinks: [sink], logLevel: 'silent' })

function Card({ id }: { id: number }) {
  const ref = useTrackImpression<HTMLLIElement>({ name: 'card.viewed', properties: { id } }, { dwellMs: 600 })
  return (
    <li ref={ref} data-id={id} style={{ height: 200, boxSizing: 'border-box', border: '1px solid #ccc', listStyle: 'none' }}>
      card {id}
    </li>
  )
}

createRoot(document.getElementById('root')!).render(
  <TrackingProvider tracker={tracker}>
    <ul style={{ margin: 0, padding: 0 }}>
      {Array.from({ length: 100 }, (_, id) => <Card key={id} id={id} />)}
    </ul>
  </TrackingProvider>,
)

Object.assign(window, {
  reported: () => sink.events.map((event) => event.properties.id as number),
  /** Cards at least half visible right now. */
  halfVisible: () =>
    [...document.querySelectorAll('li')].flatMap((card) => {
      const box = card.getBoundingClientRect()
      const visible = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0))
      return visible / box.height >= 0.5 ? [Number(card.dataset.id)] : []
    }),
})
