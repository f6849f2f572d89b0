// Timing that works the same in Node and in a browser page, so both report alike.
import type { Candidate } from './candidates'

/** One timed sample of a candidate: its cost per unit (call, event, mount) in nanoseconds. */
export type Sample = () => Promise<number>

/** Nanoseconds, from performance.now() (Node: sub-microsecond; Chromium: 5 µs steps in the cross-origin isolated bench page, 100 µs elsewhere). */
const now = (): number => performance.now() * 1e6

/**
 * A sample of `iterations` clicks, in ns per click, made as a click handler makes them (never waiting
 * for one). By default the sample lasts until everything they started is done: the promises they
 * returned and the candidate's `settle` (delivery, for HTTP). With `callsOnly`, only the calls are
 * timed, and what they started is awaited untimed, so that it cannot spill into the next sample.
 * The candidate is built once, untimed, or for every sample with `fresh` (as a page load would).
 */
export function perCall(make: () => Candidate | Promise<Candidate>, iterations: number, { fresh = false, callsOnly = false } = {}): Sample {
  let built: Candidate | undefined
  return async () => {
    const { click, settle } = (built = !fresh && built ? built : await make())
    const started: unknown[] = []
    const start = now()
    for (let i = 0; i < iterations; i++) {
      const result = click()
      if (result instanceof Promise) started.push(result)
    }
    const calls = now() - start
    await Promise.all(started)
    if (settle) await settle()
    return (callsOnly ? calls : now() - start) / iterations
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

/** Every candidate's samples, in ns per unit, one per round in the same order. */
export type Samples = Record<string, number[]>

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
export async function sideBySide(candidates: Record<string, Sample>, { rounds = 9, warmup = 3 } = {}): Promise<Samples> {
  const samples: Samples = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]))
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, sample] of Object.entries(candidates)) {
      const ns = await sample()
      if (round >= warmup) samples[name]!.push(ns)
    }
  }
  return samples
}

/** Medians and same-round ratios of samples taken side by side. */
export function summarize(samples: Samples): SideBySide {
  return {
    median: (name) => middle(samples[name]!),
    ratio: (a, b) => middle(samples[a]!.map((ns, round) => ns / samples[b]![round]!)),
  }
}
