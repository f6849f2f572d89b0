import { TrackPage } from 'trackplan/react'

export default function NotFound() {
  return (
    <TrackPage name="not_found">
      <h1>Not found</h1>
    </TrackPage>
  )
}
