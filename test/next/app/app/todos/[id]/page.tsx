// A dynamic route: each todo is a page view of its own; a missing one is notFound().
import { notFound } from 'next/navigation'
import { TrackPage } from 'trackplan/react'
import { CompleteButton } from './CompleteButton'

const todos = ['Buy milk', 'Write tests', 'Ship it']

export default async function TodoPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const title = todos[Number(id)]
  if (title === undefined) notFound()
  return (
    <TrackPage name="todo" properties={{ route: '/todos/[id]', path: `/todos/${id}` }}>
      <h1>{title}</h1>
      <CompleteButton id={Number(id)} label="Done" />
    </TrackPage>
  )
}
