/**
 * @module page-state
 * For HTTP-level tests of timing: reads the live components out of a rendered page and builds update
 * requests the way static/hyperdash.js does (flat pages only: parents are not tracked).
 */
const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

export interface LiveComponent {
  id: string
  s: string
  g: string
  r: string[]
}

export function components(html: string): Map<string, LiveComponent> {
  const out = new Map<string, LiveComponent>()
  for (const m of html.matchAll(/<[a-z][\w-]*\s([^>]*\sdata-hd="[^"]*"[^>]*)>/g)) {
    const attrs = m[1]!
    const id = /(?:^|\s)id="([^"]*)"/.exec(attrs)?.[1]
    const s = /\sdata-hd="([^"]*)"/.exec(attrs)?.[1]
    const g = /\sdata-hd-sig="([^"]*)"/.exec(attrs)?.[1]
    if (!id || s === undefined || !g) continue
    const state = unescape(s)
    out.set(id, { id, s: state, g, r: Object.keys((JSON.parse(state) as { read: object }).read) })
  }
  return out
}

/** A JSON body for the update route: `values` sets browser props by `id.prop`; `t` lists the changed ones. */
export function updateBody(
  page: Map<string, LiveComponent>,
  t: string[],
  values: Record<string, unknown> = {},
  extra: Record<string, unknown> = {}
): string {
  const c: Record<string, unknown> = {}
  for (const comp of page.values()) {
    const v: Record<string, unknown> = {}
    for (const p of comp.r) v[p] = values[`${comp.id}.${p}`] ?? null
    c[comp.id] = { state: comp.s, sig: comp.g, parent: null, values: v }
  }
  return JSON.stringify({ changed: t, components: c, ...extra })
}

export const FORM = { 'Content-Type': 'application/json', Origin: 'http://localhost' }
