/**
 * @module static-files
 * The client files: htmx and its SSE extension from node_modules (never copied into the repo), our
 * extension and stylesheet from static/. Read once, served from memory.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface StaticFile {
  body: string
  type: string
}

const require = createRequire(import.meta.url)
const htmxDist = dirname(require.resolve('htmx.org/dist/htmx.min.js'))
const ours = join(dirname(fileURLToPath(import.meta.url)), '../../static')

const JS = 'text/javascript; charset=utf-8'
const SOURCES: Record<string, [string, string]> = {
  'htmx.min.js': [join(htmxDist, 'htmx.min.js'), JS],
  'hx-sse.min.js': [join(htmxDist, 'ext/hx-sse.min.js'), JS],
  'hyperdash.js': [join(ours, 'hyperdash.js'), JS],
  'hyperdash-dev.js': [join(ours, 'hyperdash-dev.js'), JS],
  'hyperdash-dev.css': [join(ours, 'hyperdash-dev.css'), 'text/css; charset=utf-8'],
  'hyperdash.css': [join(ours, 'hyperdash.css'), 'text/css; charset=utf-8'],
}

let cache: Map<string, StaticFile> | null = null

/** The static files by name (read on first use). */
export function staticFiles(): Map<string, StaticFile> {
  cache ??= new Map(
    Object.entries(SOURCES).map(([name, [path, type]]) => [name, { body: readFileSync(path, 'utf8'), type }])
  )
  return cache
}
