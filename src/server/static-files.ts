/**
 * @module static-files
 * The client files: htmx and its SSE extension from node_modules (never copied into the repo), our
 * extension and stylesheets from static/ (dist/static in the built package). Read once, served from
 * memory, each with a content hash: pages link `name?v=hash`, which is cached for a year, so a deploy
 * never leaves a client running an old script with a new server.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface StaticFile {
  body: string
  type: string
  /** The first 12 characters of the body's SHA-256 (base64url): the `v` of its URL. */
  hash: string
}

const require = createRequire(import.meta.url)
const htmxDist = dirname(require.resolve('htmx.org/dist/htmx.min.js'))
const ours = join(dirname(fileURLToPath(import.meta.url)), '../../static')

const JS = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'
const SOURCES: Record<string, [string, string]> = {
  'htmx.min.js': [join(htmxDist, 'htmx.min.js'), JS],
  'hx-sse.min.js': [join(htmxDist, 'ext/hx-sse.min.js'), JS],
  'hyperdash.js': [join(ours, 'hyperdash.js'), JS],
  'hyperdash-clientside.js': [join(ours, 'hyperdash-clientside.js'), JS],
  'hyperdash-dev.js': [join(ours, 'hyperdash-dev.js'), JS],
  'hyperdash-dev.css': [join(ours, 'hyperdash-dev.css'), CSS],
  'hyperdash.css': [join(ours, 'hyperdash.css'), CSS],
  'hyperdash-theme.css': [join(ours, 'hyperdash-theme.css'), CSS],
  'hyperdash-nojs.css': [join(ours, 'hyperdash-nojs.css'), CSS],
}

/** A content hash for a URL: the first 12 characters of SHA-256 in base64url. */
export const contentHash = (body: string | Buffer) =>
  createHash('sha256').update(body).digest('base64url').slice(0, 12)

let cache: Map<string, StaticFile> | null = null

/** The static files by name (read on first use; a file missing from this build is left out). */
export function staticFiles(): Map<string, StaticFile> {
  if (cache) return cache
  cache = new Map()
  for (const [name, [path, type]] of Object.entries(SOURCES)) {
    let body: string
    try {
      body = readFileSync(path, 'utf8')
    } catch {
      continue
    }
    cache.set(name, { body, type, hash: contentHash(body) })
  }
  return cache
}

/** The versioned URL of a static file: `/_hd/static/hyperdash.js?v=…`. */
export function staticHref(staticUrl: string, name: string): string {
  const f = staticFiles().get(name)
  return f ? `${staticUrl}/${name}?v=${f.hash}` : `${staticUrl}/${name}`
}

/**
 * `Cache-Control` for a static file: a year (immutable) when the URL names the current version,
 * revalidate otherwise and in development.
 */
export function staticCacheControl(file: StaticFile, version: string | undefined, dev: boolean): string {
  return !dev && version === file.hash ? 'public, max-age=31536000, immutable' : 'no-cache'
}

const fileHashes = new Map<string, { mtime: number; hash: string }>()
/** The content hash of a file on disk, recomputed when its modification time changes. */
export function fileHash(path: string): string {
  const mtime = statSync(path).mtimeMs
  const had = fileHashes.get(path)
  if (had && had.mtime === mtime) return had.hash
  const hash = contentHash(readFileSync(path))
  fileHashes.set(path, { mtime, hash })
  return hash
}
