import { beforeEach, vi } from 'vitest'

/** fast-check run options: more runs with FUZZ_RUNS=<n>, a fixed seed with FUZZ_SEED=<n> (to replay a failure). */
export const runs = (count: number) => ({ numRuns: Number(process.env.FUZZ_RUNS) || count, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) })

/** Bad input is reported on the console by design: the properties judge outcomes, not messages. */
export function quietConsole(): void {
  beforeEach(() => {
    for (const level of ['error', 'warn', 'info', 'debug'] as const) vi.spyOn(console, level).mockImplementation(() => {})
  })
}
