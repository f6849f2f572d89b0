/** One timed sample of a candidate: its cost per unit (call, event, mount) in nanoseconds. */
export type Sample = () => Promise<number>

const now = (): bigint => process.hrtime.bigint()

/**
 * A sample of `iterations` calls of `run`, in ns per call. Asynchronous APIs are called the way a
 * click handler calls them, without waiting for each: in chunks of 100, each awaited before the next,
 * so the cost of every call's work is counted.
 */
export function perCall(run: () => unknown, iterations: number): Sample {
  return async () => {
    const start = now()
    for (let i = 0; i < iterations; i += 100) {
      let calls: unknown[] | undefined
      for (let j = 0; j < 100 && i + j < iterations; j++) {
        const result = run()
        if (result instanceof Promise) (calls ??= []).push(result)
      }
      if (calls) await Promise.all(calls)
    }
    return Number(now() - start) / iterations
  }
}

/** A sample of one `run` (untimed `cleanup` after it), in ns per `units`. */
export function perRun(run: () => unknown, { units = 1, cleanup = (): unknown => undefined } = {}): Sample {
  return async () => {
    const start = now()
    await run()
    const elapsed = Number(now() - start)
    await cleanup()
    return elapsed / units
  }
}

export interface SideBySide {
  /** Median ns per unit of each candidate. */
  median(name: string): number
  /** Median over rounds of a's time over b's in the same round: what a noisy machine moves least. */
  ratio(a: string, b: string): number
}

const middle = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!

/**
 * Samples every candidate once per round, in turn, so that all of them meet the same moments of a
 * machine whose speed drifts; the first `warmup` rounds (compilation, heap growth) are not kept.
 */
export async function sideBySide(candidates: Record<string, Sample>, { rounds = 9, warmup = 3 } = {}): Promise<SideBySide> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, sample] of Object.entries(candidates)) {
      const ns = await sample()
      if (round >= warmup) samples[name]!.push(ns)
    }
  }
  return {
    median: (name) => middle(samples[name]!),
    ratio: (a, b) => middle(samples[a]!.map((ns, round) => ns / samples[b]![round]!)),
  }
}
