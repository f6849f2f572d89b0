// Traffic as httpSink makes it, bounded: senders post new batches, and retry a refused or failed one
// (the same events, the same ids) until a collector acknowledges it. With several collectors, each
// batch goes to all of them at once, as a retry through a load balancer may.
import type { TrackedEvent } from '../../src/core.ts'

export interface Traffic {
  acknowledgedAtLeast(count: number): Promise<void>
  refusedAtLeast(count: number): Promise<void>
  /** The ids acknowledged so far. */
  acknowledged(): string[]
  /** Senders end after their current attempt; `done` then resolves with what was acknowledged. */
  stop(): void
  done: Promise<{ acknowledged: string[]; statuses: Map<number, number> }>
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function sendUntilAcknowledged(to: string | string[], options: { senders: number; batches: number; size: number; make(): TrackedEvent; headers?: Record<string, string> }): Traffic {
  const urls = [to].flat()
  const acknowledged: string[] = []
  let stopped = false
  const statuses = new Map<number, number>()
  const count = (status: number): void => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  }
  const attempt = async (url: string, body: string): Promise<boolean> => {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body })
      await response.arrayBuffer()
      count(response.status)
      return response.status === 200
    } catch {
      count(0)
      return false
    }
  }
  const sender = async (): Promise<void> => {
    for (let sent = 0; sent < options.batches && !stopped; sent++) {
      const batch = Array.from({ length: options.size }, options.make)
      const body = JSON.stringify({ batch, sentAt: new Date().toISOString() })
      for (let tries = 0; ; tries++) {
        const answers = await Promise.all(urls.map((url) => attempt(url, body)))
        if (answers.includes(true)) break
        if (stopped) return
        if (tries > 400) throw new Error(`a batch was refused ${tries} times: ${JSON.stringify([...statuses])}`)
        await wait(100)
      }
      acknowledged.push(...batch.map(({ id }) => id))
    }
  }
  const done = Promise.all(Array.from({ length: options.senders }, sender)).then(() => ({ acknowledged, statuses }))
  const until = async (reached: () => boolean, what: string): Promise<void> => {
    for (let tries = 0; !reached(); tries++) {
      if (tries > 600) throw new Error(`traffic never reached ${what}: ${JSON.stringify([...statuses])}`)
      await Promise.race([wait(20), done])
    }
  }
  return {
    acknowledgedAtLeast: (n) => until(() => acknowledged.length >= n, `${n} acknowledged`),
    refusedAtLeast: (n) => until(() => (statuses.get(503) ?? 0) >= n, `${n} answers 503`),
    acknowledged: () => [...acknowledged],
    stop() {
      stopped = true
    },
    done,
  }
}
