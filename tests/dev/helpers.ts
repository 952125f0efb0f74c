/**
 * @module dev-helpers
 * Reads the dev page (`/_hd/dev`) back into plain data: the graph's columns and edges, the requests
 * table, so tests can compare them exactly.
 */
import { Window, type Document as Doc } from 'happy-dom'

export function parseHtml(html: string): Doc {
  const window = new Window()
  return new window.DOMParser().parseFromString(html, 'text/html') as Doc
}

export interface Fetches {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** GETs the dev page (or `path`) and parses it; fails the test on any status but 200. */
export async function devPage(app: Fetches, path = '/_hd/dev'): Promise<Doc> {
  const res = await app.request(path)
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
  return parseHtml(await res.text())
}

const text = (el: { textContent: string | null } | null) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim()

/** The graph's nodes column by column, top to bottom: `num.value` for a prop, `[name]` for a callback. */
export function columns(doc: Doc): string[][] {
  const cols: string[][] = []
  for (const g of doc.querySelectorAll('.hd-node')) {
    const layer = Number(g.getAttribute('data-layer'))
    const label = g.classList.contains('hd-callback')
      ? `[${text(g.querySelector('.hd-name'))}]`
      : text(g.querySelector('text'))
    ;(cols[layer] ??= []).push(label)
  }
  return cols
}

/** The edges as `from -kind-> to` (node ids: `p:id.prop`, `cb:index`), marked `(back)` when they run right to left. */
export function edges(doc: Doc): string[] {
  return [...doc.querySelectorAll('.hd-edge')].map(
    (e) =>
      `${e.getAttribute('data-from')} -${e.getAttribute('data-kind')}-> ${e.getAttribute('data-to')}` +
      (e.classList.contains('hd-back') ? ' (back)' : '')
  )
}

/** Each callback node as `name: class list without the common ones | second line`. */
export function callbackNodes(doc: Doc): string[] {
  return [...doc.querySelectorAll('.hd-callback')].map((g) => {
    const st = [...g.classList].filter((c) => c.startsWith('hd-st-')).join(' ')
    return `${text(g.querySelector('.hd-name'))}: ${st} | ${text(g.querySelector('.hd-run'))}`
  })
}

/** Prop nodes marked by the shown request: `key: hd-trigger` or `key: hd-written`. */
export function markedProps(doc: Doc): string[] {
  return [...doc.querySelectorAll('.hd-prop')]
    .filter((g) => g.classList.contains('hd-trigger') || g.classList.contains('hd-written'))
    .map(
      (g) =>
        `${text(g.querySelector('text'))}: ${g.classList.contains('hd-trigger') ? 'hd-trigger' : 'hd-written'}`
    )
}

/** Rows of the requests table: `seq kind status` and each run as `name status`. */
export function requestRows(
  doc: Doc
): { seq: number; kind: string; status: string; selected: boolean; runs: string[] }[] {
  return [...doc.querySelectorAll('.hd-requests tbody tr')].map((tr) => {
    const cells = [...tr.querySelectorAll('td')]
    return {
      seq: Number(text(cells[0]!)),
      kind: text(cells[2]!),
      status: text(cells[3]!),
      selected: tr.classList.contains('hd-selected'),
      runs: [...tr.querySelectorAll('.hd-run')].map(
        (li) => `${text(li.querySelector('.hd-run-name'))} ${text(li.querySelector('.hd-run-status'))}`
      ),
    }
  })
}

/** Rows of the callbacks table, cell texts joined by ` | `. */
export function callbackRows(doc: Doc): string[] {
  return [...doc.querySelectorAll('.hd-callbacks tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => text(td)).join(' | ')
  )
}

export { text }
