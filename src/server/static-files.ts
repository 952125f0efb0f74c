/**
 * @module static-files
 * The client files: htmx and its SSE extension from node_modules (never copied into the repo), our
 * extension and stylesheets from static/ (dist/static in the built package). Read once, served from
 * memory, each with a content hash: pages link `name?v=hash`, which is cached for a year, so a deploy
 * never leaves a client running an old script with a new server. Large files (plotly.js, 4.8 MB) are
 * sent compressed when the browser accepts it: gzip made on first use, brotli made in the background.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { brotliCompress, constants as zlib, gzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PLOTLY_CSS, PLOTLY_FILE, plotlyCss, plotlyPath } from '../protocol/plotly.ts'

export interface StaticFile {
  body: string
  type: string
  /** The first 12 characters of the body's SHA-256 (base64url): the `v` of its URL. */
  hash: string
  /** Compressed forms, made on first use (the app does not compress responses otherwise). */
  encoded?: { gzip?: Buffer; br?: Buffer; brPending?: boolean }
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
  'hyperdash-jobs.js': [join(ours, 'hyperdash-jobs.js'), JS],
  'hyperdash-dev.js': [join(ours, 'hyperdash-dev.js'), JS],
  'hyperdash-dev.css': [join(ours, 'hyperdash-dev.css'), CSS],
  'hyperdash.css': [join(ours, 'hyperdash.css'), CSS],
  'hyperdash-theme.css': [join(ours, 'hyperdash-theme.css'), CSS],
  'hyperdash-nojs.css': [join(ours, 'hyperdash-nojs.css'), CSS],
  // dcc.Graph's: loaded by static/components/graph.js only on pages that show a Graph.
  [PLOTLY_FILE]: [plotlyPath(), JS],
}

/** Files smaller than this are sent as they are (compression would save little). */
const COMPRESS_FROM = 32 * 1024

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
  const css = plotlyCss()
  if (css) cache.set(PLOTLY_CSS, { body: css, type: CSS, hash: contentHash(css) })
  return cache
}

/**
 * The body to send for `acceptEncoding`: brotli when ready and accepted, else gzip, else the file
 * as it is. The first request for a large file makes its gzip form (about 150 ms for plotly.js) and
 * starts its brotli form in the background (libuv's thread pool, not the event loop).
 */
export function encodedBody(
  file: StaticFile,
  acceptEncoding: string | undefined
): { body: string | Buffer; encoding: 'br' | 'gzip' | null } {
  if (file.body.length < COMPRESS_FROM || !acceptEncoding) return { body: file.body, encoding: null }
  const accepted = acceptedEncodings(acceptEncoding)
  const accepts = (name: string) => accepted.has(name)
  const enc = (file.encoded ??= {})
  if (accepts('br')) {
    if (enc.br) return { body: enc.br, encoding: 'br' }
    if (!enc.brPending) {
      enc.brPending = true
      const params = { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: file.body.length }
      brotliCompress(Buffer.from(file.body), { params }, (err, out) => {
        if (!err) enc.br = out
      })
    }
  }
  if (accepts('gzip')) return { body: (enc.gzip ??= gzipSync(file.body, { level: 9 })), encoding: 'gzip' }
  return { body: file.body, encoding: null }
}

/** The codings an `Accept-Encoding` header accepts (`gzip, br;q=0` → gzip). */
export function acceptedEncodings(header: string): Set<string> {
  const out = new Set<string>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    if (name?.trim() && (q === undefined || Number(q) > 0)) out.add(name.trim())
  }
  return out
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
