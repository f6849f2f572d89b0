import type { Reporter, TestModule } from 'vitest/node'

/** Ends the run with one plain line, "N passed, N failed, N skipped", that any CI can read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 }
    for (const module of testModules) for (const test of module.children.allTests()) count[test.result().state] += 1
    const failed = count.failed + testModules.filter((module) => module.state() === 'failed' && !module.children.size).length
    console.log(`\n${count.passed} passed, ${failed} failed, ${count.skipped + count.pending} skipped\n`)
  }
}
