import { rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { TrackingPlan } from '../core.js'

const isPlan = (value: unknown): value is TrackingPlan =>
  typeof value === 'object' && value !== null && typeof (value as { events?: unknown }).events === 'object' && (value as { events?: unknown }).events !== null

/** Imports a plan module (TypeScript is compiled with esbuild, if installed) and finds the plan in it. */
export async function loadPlan(path: string, exportName?: string): Promise<TrackingPlan> {
  const absolute = resolve(path)
  let module: Record<string, unknown>
  if (/\.[cm]?tsx?$/.test(absolute)) {
    let esbuild: typeof import('esbuild')
    try {
      esbuild = await import('esbuild')
    } catch {
      throw new Error('reading a TypeScript plan needs esbuild (npm install -D esbuild); or point at compiled JavaScript')
    }
    // Written beside the source, so that its bare imports resolve from the same node_modules.
    const out = join(dirname(absolute), `.trackplan-plan-${process.pid}.mjs`)
    try {
      await esbuild.build({ entryPoints: [absolute], bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile: out, logLevel: 'silent' })
      module = (await import(pathToFileURL(out).href)) as Record<string, unknown>
    } finally {
      await rm(out, { force: true })
    }
  } else {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>
  }
  if (exportName !== undefined) {
    const named = module[exportName]
    if (!isPlan(named)) throw new Error(`${path} has no plan exported as "${exportName}"`)
    return named
  }
  const found = [module.default, module.plan, ...Object.values(module)].find(isPlan)
  if (!found) throw new Error(`${path} exports no plan (an object with "events", as definePlan makes)`)
  return found
}
