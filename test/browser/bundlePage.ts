import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { startCollector, type Collector } from '../http/collector'

/** Bundles a test page's script for the browser, with trackplan from src/. */
export async function bundlePage(entry: URL, options: { production?: boolean; development?: boolean } = {}): Promise<string> {
  const bundled = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    write: false,
    logLevel: 'silent',
    ...(options.production ? { define: { 'process.env.NODE_ENV': '"production"' } } : {}),
    ...(options.development ? { define: { 'process.env.NODE_ENV': '"development"' } } : {}),
  })
  return bundled.outputFiles[0]!.text
}

/**
 * A collector on 127.0.0.1 that also serves `html` at `path` and the bundled `script` at /page.js,
 * so the page and its collector share an origin.
 */
export function servePage(path: string, html: string, script: string, route?: Parameters<typeof startCollector>[0]): Promise<Collector> {
  return startCollector((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname
    if (pathname === path) response.writeHead(200, { 'content-type': 'text/html' }).end(html)
    else if (pathname === '/page.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    else return route?.(request, response) ?? false
    return true
  })
}
