/**
 * @module wire
 * Everything `hyperdash/testing` knows of the wire format, in one place: reading the request body the
 * real extension sent (for `UpdateResult.request`), writing a changed body in the same encoding (for
 * `send`), and reading the fragments of a response with happy-dom's DOM. The browser's side is never
 * built here: static/hyperdash.js builds every request (see ./window.ts).
 */
import { Window } from 'happy-dom'
import { CALLBACK_ATTR, META_ATTR, SWAP_STYLE } from '../protocol/constants.ts'
import { updateRequest, type UpdateRequest } from '../protocol/request.ts'

/** The update request's body (docs/wire.md). */
export type UpdateBody = UpdateRequest

/**
 * A call in `hd-cb`: the callback's index, or for a pattern-matching call its index with its MATCH
 * values (`'1:[0]'`).
 */
export type CallToken = number | string

/** One fragment of an update response, parsed. */
export type Fragment =
  /** The children of element `id` are replaced by `html`. */
  | { swap: 'children'; id: string; cbs: CallToken[]; html: string }
  /** Attributes of element `id` are set, or removed where the value is `null`. */
  | { swap: 'attr'; id: string; cbs: CallToken[]; attrs: Record<string, string | null> }
  /** A list edit of element `id`'s children (a `Patch`): `append`, `prepend`, `insert 3`, `remove 3`, `replace 3`, `clear`. */
  | { swap: 'edit'; id: string; cbs: CallToken[]; edit: string; html: string }
  /** Element `id`'s signed state as the part that changed: `[start, end)` becomes `insert`. */
  | {
      swap: 'state'
      id: string
      cbs: CallToken[]
      start: number
      end: number
      length: number
      hash: string
      insert: string
      sig: string
    }
  /** Component `id` is re-rendered as `html` (the browser morphs it, keeping focus and caret). */
  | { swap: 'morph'; id: string; cbs: CallToken[]; html: string }
  /** An error box for the page's error area: `callback` failed; `text` is what the user reads (no stack). */
  | { swap: 'error'; target: string; callback: string | null; text: string; html: string }
  /** Callbacks left for the browser to ask for again: `[callback index, changed prop keys]`. */
  | { swap: 'meta'; deferred: [number, string[]][] }

/** The update body of a request the extension sent (JSON, docs/wire.md). */
export async function readBody(request: Request): Promise<UpdateBody> {
  return updateRequest.parse(await request.clone().json())
}

/** `template` (a request the extension sent) with `body` in its place. */
export async function writeBody(template: Request, body: unknown): Promise<Request> {
  const headers = new Headers(template.headers)
  headers.delete('content-length')
  return new Request(template.url, { method: template.method, headers, body: JSON.stringify(body) })
}

/** SSE `data` of each unnamed message (the ones hx-sse swaps). */
export function sseMessages(body: string): string[] {
  const out: string[] = []
  for (const block of body.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/)
    if (lines.some((l) => l.startsWith('event:'))) continue
    const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(l[5] === ' ' ? 6 : 5))
    if (data.length) out.push(data.join('\n'))
  }
  return out
}

let parser: Window | null = null
/** A detached document holding `html` as a browser parses it (a `<template>`'s content is inert). */
function parse(html: string) {
  parser ??= new Window()
  const tpl = parser.document.createElement('template')
  tpl.innerHTML = html
  return tpl.content
}

type El = ReturnType<typeof parse>['firstElementChild'] & {}

/** The callbacks a first page or a response left for the browser: `<template hd-meta>`. */
export function deferredIn(html: string): [number, string[]][] {
  return [...parse(html).querySelectorAll(`template[${META_ATTR}]`)].flatMap(
    (t) => (JSON.parse(t.getAttribute(META_ATTR)!) as { deferred: [number, string[]][] }).deferred
  )
}

const BLOCK =
  'address,article,aside,blockquote,br,dd,div,dl,dt,fieldset,figure,footer,form,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,section,table,td,th,tr,ul'

/** What a user reads in an error box: its text, without the stack trace and the close button. */
function readableText(box: El): string {
  const copy = box.cloneNode(true) as El
  for (const el of copy.querySelectorAll('details,pre,button')) el.remove()
  for (const el of copy.querySelectorAll(BLOCK)) (el.before(' '), el.after(' '))
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim()
}

const numbers = (s: string | null): CallToken[] =>
  (s ?? '')
    .split(' ')
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? Number(t) : decodeURIComponent(t)))
const ERRORS_TARGET = /^beforeend:#(.+)$/

/** The fragments of an update response body (one SSE message, or a whole HTML response). */
export function parseFragments(html: string): Fragment[] {
  const out: Fragment[] = []
  for (const el of parse(html).children) {
    if (el.tagName !== 'TEMPLATE') continue
    const content = (el as unknown as { content: { firstElementChild: El | null } }).content
    const inner = el.innerHTML
    const oob = el.getAttribute('hx-swap-oob')
    const meta = el.getAttribute(META_ATTR)
    if (meta !== null) {
      out.push({ swap: 'meta', deferred: (JSON.parse(meta) as { deferred: [number, string[]][] }).deferred })
    } else if (oob === SWAP_STYLE) {
      const id = el.id
      const cbs = numbers(el.getAttribute(CALLBACK_ATTR))
      const names = el.getAttribute('hd-attr')
      const edit = el.getAttribute('hd-edit')
      const state = el.getAttribute('hd-state')
      if (el.hasAttribute('hd-morph')) out.push({ swap: 'morph', id, cbs, html: inner })
      else if (edit !== null) out.push({ swap: 'edit', id, cbs, edit, html: inner })
      else if (state !== null) {
        const [start, end, length, hash] = state.split(' ')
        const carrier = content.firstElementChild
        out.push({
          swap: 'state',
          id,
          cbs,
          start: Number(start),
          end: Number(end),
          length: Number(length),
          hash: hash ?? '',
          insert: carrier?.getAttribute('data-hd-ins') ?? '',
          sig: carrier?.getAttribute('data-hd-sig') ?? '',
        })
      } else if (names !== null) {
        const carrier = content.firstElementChild
        const attrs: Record<string, string | null> = {}
        for (const name of names.split(' ')) attrs[name] = carrier ? carrier.getAttribute(name) : null
        out.push({ swap: 'attr', id, cbs, attrs })
      } else out.push({ swap: 'children', id, cbs, html: inner })
    } else if (oob && ERRORS_TARGET.test(oob)) {
      const box = content.firstElementChild
      out.push({
        swap: 'error',
        target: ERRORS_TARGET.exec(oob)![1]!,
        callback: box ? box.getAttribute('data-callback') : null,
        text: box ? readableText(box) : '',
        html: inner,
      })
    }
  }
  return out
}
