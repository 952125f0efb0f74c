/**
 * @module helpers
 * Security tests: read the live components out of a rendered page (as static/hyperdash.js does) and
 * build update requests from them, valid or tampered with.
 */
import { UPDATE_PATH } from '../../src/protocol/constants.ts'

/** Anything with a fetch handler (a HyperApp). */
export interface Fetcher {
  fetch(req: Request): Response | Promise<Response>
}

export interface Live {
  id: string
  /** The signed state JSON, as the page carries it in `data-hd`. */
  s: string
  /** Its signature (`data-hd-sig`). */
  g: string
  /** The props the browser sends for it. */
  r: string[]
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The live components of a page's HTML, by id. */
export function liveComponents(html: string): Map<string, Live> {
  const out = new Map<string, Live>()
  for (const m of html.matchAll(/<[a-z][\w-]*\s([^>]*\sdata-hd="[^"]*"[^>]*)>/g)) {
    const attrs = ` ${m[1]!}`
    const id = /\sid="([^"]*)"/.exec(attrs)?.[1]
    const s = /\sdata-hd="([^"]*)"/.exec(attrs)?.[1]
    const g = /\sdata-hd-sig="([^"]*)"/.exec(attrs)?.[1]
    if (!id || s === undefined || !g) continue
    const state = unescape(s)
    const read = (JSON.parse(state) as { read: Record<string, string> }).read
    out.set(unescape(id), { id: unescape(id), s: state, g, r: Object.keys(read) })
  }
  return out
}

export const ORIGIN = 'http://localhost'

/** Loads the page of `app` and returns its live components. */
export async function loadPage(app: Fetcher, path = '/'): Promise<Map<string, Live>> {
  const res = await app.fetch(new Request(ORIGIN + path))
  return liveComponents(await res.text())
}

/** The JSON request body of an update: `t` changed props, `values` browser props by `id.prop`. */
export function updateJson(
  page: Map<string, Live>,
  t: string[],
  values: Record<string, unknown> = {},
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const c: Record<string, unknown> = {}
  for (const comp of page.values()) {
    const v: Record<string, unknown> = {}
    // What static/hyperdash.js reads when the test does not say: no boxes checked, else nothing.
    const kind = (JSON.parse(comp.s) as { kind: string }).kind
    for (const p of comp.r)
      v[p] = values[`${comp.id}.${p}`] ?? (kind === 'dcc.Checklist' && p === 'value' ? [] : null)
    c[comp.id] = { state: comp.s, sig: comp.g, parent: null, values: v }
  }
  return { changed: t, components: c, ...extra }
}

/** Same-origin headers of an htmx update request. */
export const SAME_ORIGIN = {
  'Content-Type': 'application/json',
  Origin: ORIGIN,
  'Sec-Fetch-Site': 'same-origin',
}

/** Posts an update (a JSON body object, or a raw body) to `app`. */
export function postUpdate(
  app: Fetcher,
  body: Record<string, unknown> | string | URLSearchParams | FormData,
  headers: Record<string, string> = SAME_ORIGIN
): Promise<Response> {
  const raw = typeof body === 'string' || body instanceof URLSearchParams || body instanceof FormData
  const form = raw ? body : JSON.stringify(body)
  return Promise.resolve(
    app.fetch(new Request(ORIGIN + UPDATE_PATH, { method: 'POST', body: form, headers }))
  )
}

/** The text content of a response's fragment for element `id` (tags stripped, entities kept). */
export function fragmentOf(html: string, id: string): string | null {
  const m = new RegExp(`<template id="${id}"[^>]*>([\\s\\S]*?)</template>`).exec(html)
  return m ? m[1]! : null
}
