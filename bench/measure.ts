/** Nanoseconds per call: the median of `rounds` timed loops of `iterations` calls, after a warm-up. */
export async function measure(run: () => unknown, { iterations = 20_000, rounds = 7 } = {}): Promise<number> {
  const first = run()
  const isAsync = first instanceof Promise
  if (isAsync) await first
  // Asynchronous APIs are called the way a click handler calls them, without waiting for each:
  // in chunks of 100, each awaited before the next, so the cost of every call's work is counted.
  const loop = isAsync
    ? async (count: number) => {
        for (let i = 0; i < count; i += 100) {
          const calls: unknown[] = []
          for (let j = 0; j < 100 && i + j < count; j++) calls.push(run())
          await Promise.all(calls)
        }
      }
    : (count: number) => {
        for (let i = 0; i < count; i++) run()
      }
  await loop(Math.ceil(iterations / 4))
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint()
    await loop(iterations)
    samples.push(Number(process.hrtime.bigint() - start) / iterations)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

/** Milliseconds of `run`, median of `rounds` runs after `warmup` untimed ones, `prepare` and `cleanup` untimed around each. */
export async function measureOnce(
  run: () => unknown,
  { rounds = 9, warmup = 2, prepare = (): unknown => undefined, cleanup = (): unknown => undefined } = {},
): Promise<number> {
  const samples: number[] = []
  for (let round = 0; round < rounds + warmup; round++) {
    await prepare()
    const start = process.hrtime.bigint()
    await run()
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6
    await cleanup()
    if (round >= warmup) samples.push(elapsed)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}
