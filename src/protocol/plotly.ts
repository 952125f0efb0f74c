/**
 * @module plotly
 * Where plotly.js comes from and the versioned name the page asks for it by: the static route serves
 * the file (src/server/static-files.ts) and `dcc.Graph` writes the name into its element, so that
 * static/components/graph.js loads plotly.js only on pages that show a Graph.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The file name plotly.js is served under, below the static prefix. */
export const PLOTLY_FILE = 'plotly.min.js'

const require = createRequire(import.meta.url)

/** The absolute path of plotly.js in node_modules (`plotly.js-dist-min`), or '' when it is missing. */
export function plotlyPath(): string {
  try {
    return require.resolve('plotly.js-dist-min/plotly.min.js')
  } catch {
    return ''
  }
}

let href: string | null = null
/**
 * `plotly.min.js?v=<hash>`: the name relative to the static prefix, with the content hash the static
 * route caches it for a year under (the same hash as every static file). Read and hashed once.
 */
export function plotlyHref(): string {
  if (href === null) {
    const path = plotlyPath()
    const hash = path ? contentHash(readFileSync(path, 'utf8')) : ''
    href = hash ? `${PLOTLY_FILE}?v=${hash}` : PLOTLY_FILE
  }
  return href
}

/** Reads a JS string literal ('…' or "…") at `at`: its value and the index after it, or null. */
function stringAt(src: string, at: number): [string, number] | null {
  const q = src[at]
  if (q !== '"' && q !== "'") return null
  let out = ''
  for (let i = at + 1; i < src.length; i++) {
    const c = src[i]!
    if (c === q) return [out, i + 1]
    if (c === '\\') out += src[++i] ?? ''
    else out += c
  }
  return null
}

/**
 * plotly.js's own stylesheet, as CSS text. plotly.js adds these rules with inline `<style>` elements,
 * which the app's CSP refuses; graph.js links this file instead (and tells plotly.js the styles are
 * there). The rules are read from the installed plotly.js (`{"X,X div": "…", …}`, X standing for
 * `.js-plotly-plot .plotly`), so they match its version; '' when that table cannot be found.
 */
export function plotlyCssFrom(src: string): string {
  const start = src.indexOf('{"X,X div"')
  if (start < 0) return ''
  const rules: string[] = []
  let i = start + 1
  while (i < src.length) {
    let key: string
    const k = stringAt(src, i)
    if (k) [key, i] = k
    else {
      const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 64))
      if (!id) return ''
      key = id[0]
      i += key.length
    }
    if (src[i] !== ':') return ''
    const v = stringAt(src, i + 1)
    if (!v) return ''
    i = v[1]
    const selector = key
      .replace(/^,/, ' ,')
      .replace(/X/g, '.js-plotly-plot .plotly')
      .replace(/Y/g, '.plotly-notifier')
    rules.push(`${selector} {${v[0]}}`)
    if (src[i] === '}') break
    if (src[i] !== ',') return ''
    i++
  }
  // Bundled libraries' stylesheets (MapLibre's), inserted once under an id plotly.js checks first.
  for (const m of src.matchAll(/\.id="([0-9a-f]{64})",\w+\.textContent=/g)) {
    const text = stringAt(src, m.index + m[0].length)
    if (text) rules.push(text[0])
  }
  return rules.join('\n') + '\n'
}

/**
 * The ids of the `<style>` elements plotly.js's bundled libraries insert when no element has them
 * yet: graph.js puts an element with each id in the page, so they are not inserted (their rules
 * are in {@link plotlyCss}).
 */
export function plotlyStyleIdsFrom(src: string): string[] {
  return [...new Set([...src.matchAll(/\.id="([0-9a-f]{64})",\w+\.textContent=/g)].map((m) => m[1]!))]
}

let ids: string | null = null
/** {@link plotlyStyleIdsFrom} of the installed plotly.js, space-separated. */
export function plotlyStyleIds(): string {
  if (ids === null) {
    const path = plotlyPath()
    ids = path ? plotlyStyleIdsFrom(readFileSync(path, 'utf8')).join(' ') : ''
  }
  return ids
}

let css: string | null = null
/** {@link plotlyCssFrom} of the installed plotly.js, computed once. */
export function plotlyCss(): string {
  if (css === null) {
    const path = plotlyPath()
    css = path ? plotlyCssFrom(readFileSync(path, 'utf8')) : ''
  }
  return css
}

/** `plotly.css?v=<hash>`, as {@link plotlyHref}. */
export function plotlyCssHref(): string {
  return `${PLOTLY_CSS}?v=${contentHash(plotlyCss())}`
}

/** The file name plotly.js's stylesheet is served under. */
export const PLOTLY_CSS = 'plotly.css'

const contentHash = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 12)
