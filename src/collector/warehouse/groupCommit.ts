/** Thrown when more rows wait than the store may hold in memory: the collector answers 503. */
export class StoreBusyError extends Error {
  constructor(waiting: number) {
    super(`${waiting} events are already waiting for the database`)
    this.name = 'StoreBusyError'
  }
}

export interface GroupCommitOptions<Item, Result> {
  /** Writes the items of several requests together (one transaction); a result per item, in order. */
  write(items: Item[]): Promise<Result[]>
  /** How many rows an item holds. */
  size(item: Item): number
  /** At most this many rows wait in memory; beyond, `add` rejects with StoreBusyError. */
  maxWaiting: number
  /** At most this many rows per write. */
  maxBatch: number
  /** At most this many writes at once. */
  concurrency: number
}

interface Waiting<Item, Result> {
  item: Item
  resolve(result: Result): void
  reject(error: unknown): void
}

/**
 * Group commit: the requests that arrive while a write is under way are written together in the
 * next one, so that a busy collector makes few large transactions instead of many small ones, with
 * bounded memory and a bounded number of writes at once.
 */
export function groupCommit<Item, Result>(options: GroupCommitOptions<Item, Result>): { add(item: Item): Promise<Result>; waiting(): number } {
  const queue: Waiting<Item, Result>[] = []
  let waitingRows = 0
  let writing = 0

  const next = (): void => {
    while (writing < options.concurrency && queue.length > 0) {
      const batch: Waiting<Item, Result>[] = []
      let rows = 0
      while (queue.length > 0 && (batch.length === 0 || rows + options.size(queue[0]!.item) <= options.maxBatch)) {
        const entry = queue.shift()!
        rows += options.size(entry.item)
        batch.push(entry)
      }
      waitingRows -= rows
      writing++
      options
        .write(batch.map(({ item }) => item))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          writing--
          next()
        })
    }
  }

  return {
    add(item) {
      const rows = options.size(item)
      if (waitingRows > 0 && waitingRows + rows > options.maxWaiting) return Promise.reject(new StoreBusyError(waitingRows))
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        waitingRows += rows
        next()
      })
    },
    waiting: () => waitingRows,
  }
}
