/**
 * @module client
 * Builds update requests the way static/hyperdash.js does (`collect` + `buildRequest`): render the
 * page, read every component's signed state (`data-hd`, `data-hd-sig`) and enclosing component, add
 * the values of the props the browser owns, and send the JSON as the form field `hd`, with the
 * headers Chromium sent for the seed's prime-factors input (htmx 4 with hx-sse loaded).
 */
import { Window } from 'happy-dom'

/** What the page says about one live component. */
export interface PageComponent {
  id: string
  s: string
  g: string
  p: string | null
  kind: string
  /** Browser-owned props the client must send. */
  r: string[]
}

/**
 * Headers of an htmx 4 update POST, as Chromium sent them for the prime-factors input (the
 * browser's own user agent, client hints, referer and cookies left out).
 */
export const UPDATE_HEADERS: Readonly<Record<string, string>> = {
  origin: 'http://127.0.0.1',
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'cors',
  'sec-fetch-dest': 'empty',
  accept: 'text/html, text/event-stream',
  'content-type': 'application/json',
  'hx-request': 'true',
  'hx-request-type': 'full',
  'hx-source': 'input#num',
  'hx-target': 'body',
  'hx-current-url': 'http://127.0.0.1/',
}

/** Reads the live components of a rendered page, in document order. */
export function readPage(html: string): PageComponent[] {
  const window = new Window()
  const doc = new window.DOMParser().parseFromString(html, 'text/html')
  const out: PageComponent[] = []
  for (const el of doc.querySelectorAll('[data-hd]')) {
    if (!el.id) continue
    const s = el.getAttribute('data-hd')!
    const st = JSON.parse(s) as { kind: string; read: Record<string, string> }
    const parent = el.parentElement?.closest('[data-hd]')
    out.push({
      id: el.id,
      s,
      g: el.getAttribute('data-hd-sig') ?? '',
      p: parent ? parent.id : null,
      kind: st.kind,
      r: Object.keys(st.read),
    })
  }
  window.close()
  return out
}

/**
 * The JSON request of one user event: `changed` are the prop keys the event changed (`num.value`),
 * `values` the browser-owned values by id (a prop the page lists but `values` lacks is sent as null,
 * as the extension reads an empty input).
 */
export function updateJson(
  page: readonly PageComponent[],
  changed: string[],
  values: Record<string, Record<string, unknown>> = {}
) {
  const components: Record<string, unknown> = {}
  for (const comp of page) {
    const v: Record<string, unknown> = {}
    for (const prop of comp.r) v[prop] = values[comp.id]?.[prop] ?? null
    components[comp.id] = { state: comp.s, sig: comp.g, parent: comp.p, values: v }
  }
  return JSON.stringify({ changed, components })
}

/** The body the extension sends: the JSON itself (docs/wire.md). */
export const updateBody = (json: string) => json

/** A ready-to-send update request for `fetch`-style handlers. */
export function updateRequest(base: string, body: string, path = '/_hd/update'): Request {
  const headers = { ...UPDATE_HEADERS, 'content-length': String(Buffer.byteLength(body)) }
  return new Request(new URL(path, base), { method: 'POST', headers, body })
}
