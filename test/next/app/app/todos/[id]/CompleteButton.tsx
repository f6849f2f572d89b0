'use client'
import { useRouter } from 'next/navigation'
import { useTracking } from 'trackplan'
import { completeTodo } from '../../actions'

/** A click tracked in the browser, then a Server Action that tracks on the server, then the next todo. */
export function CompleteButton({ id, label }: { id: number; label: string }) {
  const { track } = useTracking()
  const router = useRouter()
  return (
    <button
      onClick={async () => {
        track({ name: 'todo.completed', properties: { id } })
        await completeTodo(id)
        router.push(`/todos/${id + 1}`)
      }}
    >
      {label}
    </button>
  )
}
