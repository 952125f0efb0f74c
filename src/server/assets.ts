/**
 * @module assets
 * The app's own files, as in Dash: every file of the `assets/` folder is served under `/assets/`, and
 * its `.css` and `.js` files are linked in each page's head (in path order, subfolders included),
 * `favicon.ico` as the icon. Plus `externalStylesheets` / `externalScripts`. Each local file is linked
 * with its content hash (`?v=`), so browsers cache it for a year and a deploy is seen at once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { contentHash } from './static-files.ts'

/** A stylesheet or script from another place: a URL, or the tag's attributes (`integrity`, …). */
export type ExternalResource = string | ({ href: string } & Record<string, string | boolean>)
export type ExternalScript = string | ({ src: string } & Record<string, string | boolean>)

export interface AssetOptions {
  /**
   * The folder served under `/assets/` whose `.css`/`.js` files every page links. Default: `assets`
   * in the working directory; a `URL` such as `new URL('./assets', import.meta.url)` names it next to
   * the app's module. `false`: none.
   */
  assetsFolder?: string | URL | false
  /** Files of the assets folder to neither serve nor link (Dash's `assets_ignore`), matched against their path. */
  assetsIgnore?: RegExp
  /** Stylesheets linked before the app's own (Dash's `external_stylesheets`); their origins join the CSP. */
  externalStylesheets?: readonly ExternalResource[]
  /** Scripts loaded after hyperdash's (Dash's `external_scripts`); their origins join the CSP. */
  externalScripts?: readonly ExternalScript[]
}

export interface AssetFile {
  /** Path inside the folder, with `/` separators (`css/site.css`). */
  path: string
  hash: string
  type: string
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/plain; charset=utf-8',
}

/** The URL path, relative to the app's base path, the folder is served under. */
export const ASSETS_PATH = '/assets'

/** Most files read from the folder, so that a mistaken `assetsFolder: '/'` cannot walk a disk. */
const MAX_FILES = 2000

/** The absolute folder the options name, or null. */
export function assetsDir(o: AssetOptions): string | null {
  if (o.assetsFolder === false) return null
  const f = o.assetsFolder ?? 'assets'
  return resolve(f instanceof URL ? fileURLToPath(f) : f)
}

/** The files of the folder (sorted by path, ignored ones left out); empty if it does not exist. */
export function listAssets(dir: string | null, ignore?: RegExp): AssetFile[] {
  if (!dir) return []
  const out: AssetFile[] = []
  const walk = (d: string) => {
    let entries: string[]
    try {
      entries = readdirSync(d).sort()
    } catch {
      return
    }
    for (const name of entries) {
      if (out.length >= MAX_FILES || name.startsWith('.')) continue
      const full = join(d, name)
      const st = statSync(full, { throwIfNoEntry: false })
      if (!st) continue
      if (st.isDirectory()) walk(full)
      else if (st.isFile()) {
        const path = relative(dir, full).split(sep).join('/')
        if (ignore?.test(path)) continue
        const type = TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream'
        out.push({ path, type, hash: contentHash(readFileSync(full)) })
      }
    }
  }
  walk(dir)
  return out
}

/**
 * The bytes of `path` inside `dir`, or null when it is not a served asset (outside the folder,
 * hidden, ignored, missing).
 */
export function readAsset(dir: string, path: string, ignore?: RegExp): { body: Buffer; type: string } | null {
  const rel = path.replace(/^\/+/, '')
  if (!rel || rel.split('/').some((p) => p.startsWith('.') || p === '')) return null
  if (ignore?.test(rel)) return null
  const full = resolve(dir, rel)
  if (!full.startsWith(dir + sep)) return null
  try {
    if (!statSync(full).isFile()) return null
    return {
      body: readFileSync(full),
      type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
    }
  } catch {
    return null
  }
}

/** The origin of an absolute http(s) URL, or null for a relative one. */
function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null
  } catch {
    return null
  }
}

/** CSP sources the external resources need: their origins added to `style-src(-elem)` and `script-src`. */
export function externalCsp(o: AssetOptions): Record<string, string[]> {
  const styles = (o.externalStylesheets ?? [])
    .map((s) => originOf(typeof s === 'string' ? s : s.href))
    .filter((x): x is string => x !== null)
  const scripts = (o.externalScripts ?? [])
    .map((s) => originOf(typeof s === 'string' ? s : s.src))
    .filter((x): x is string => x !== null)
  const out: Record<string, string[]> = {}
  if (styles.length) out['style-src'] = out['style-src-elem'] = [...new Set(styles)]
  if (scripts.length) out['script-src'] = [...new Set(scripts)]
  return out
}
