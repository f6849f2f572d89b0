'use server'
// A Server Action that tracks with the request's user, through trackplan/node's request scope.
import { cookies } from 'next/headers'
import { serverTracker } from './serverTracker'

export async function completeTodo(id: number): Promise<void> {
  const userId = (await cookies()).get('user')?.value
  serverTracker.runInScope({ userId, context: { source: 'server action' } }, () => {
    serverTracker.track({ name: 'todo.saved', properties: { id } })
  })
  await serverTracker.flush({ timeoutMs: 3000 })
}
