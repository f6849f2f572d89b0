// @vitest-environment node
import { it } from 'vitest'
import { startPostgres } from '../warehouse/databaseServers.ts'
import { execFileSync } from 'node:child_process'
it('x', async () => {
  const s = await startPostgres()
  console.log(execFileSync(process.execPath, ['.scratch/storebench.mjs', s.url], { encoding: 'utf8' }))
  await s.remove()
}, 120000)
