// A Server Component rendering trackplan's client components directly.
import { TrackPage, TrackSection } from 'trackplan/react'
import { CompleteButton } from './todos/[id]/CompleteButton'

export default function Home() {
  return (
    <TrackPage name="home">
      <h1>Home</h1>
      <TrackSection name="welcome">
        <CompleteButton id={-1} label="Start" />
      </TrackSection>
    </TrackPage>
  )
}
