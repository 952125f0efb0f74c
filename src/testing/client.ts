/**
 * @module client
 * What static/hyperdash.js does in a browser, done on the HTML tree of ./html.ts: count clicks, read
 * the live values of components, build the `hd` request body, and apply the `hd` swaps of a response.
 * Keep it in step with the extension: the names are the wire contract of src/protocol/constants.ts.
 */
import {
  CALLBACK_ATTR,
  CLICK_TS_ATTR,
  CLICKS_ATTR,
  META_ATTR,
  SIG_ATTR,
  STATE_ATTR,
  SWAP_STYLE,
  TRIGGER_ATTR,
} from '../protocol/constants.ts'
import {
  byId,
  closestAncestor,
  descendants,
  findElement,
  getAttr,
  hasClass,
  innerHtml,
  parseHtml,
  removeAttr,
  replaceChildren,
  replaceWith,
  setAttr,
  textContent,
  type HtmlElement,
  type HtmlNode,
} from './html.ts'

const ERRORS_TARGET = /^beforeend:#(.+)$/

/** The state a component carries in `data-hd` (src/protocol/state.ts). */
export interface ParsedState {
  kind: string
  props: Record<string, unknown>
  read: Record<string, string>
}

/** The JSON body of an update request, as the extension sends it (src/protocol/request.ts, docs/wire.md). */
export interface UpdateBody {
  components: Record<
    string,
    { state: string; sig: string; parent: string | null; values: Record<string, unknown> }
  >
  changed?: string[]
  reask?: { callback: number; changed: string[] }[]
  pending?: { changed: string[]; reask: number[] }
}

/** One fragment of an update response, parsed. */
export type Fragment =
  /** The children of element `id` are replaced by `html`. */
  | { swap: 'children'; id: string; cbs: number[]; html: string }
  /** Attributes of element `id` are set, or removed where the value is `null`. */
  | { swap: 'attr'; id: string; cbs: number[]; attrs: Record<string, string | null> }
  /** Component `id` is re-rendered as `html` (the browser morphs it, keeping focus and caret). */
  | { swap: 'morph'; id: string; cbs: number[]; html: string }
  /** An error box for the page's error area: `callback` failed; `text` is what the user reads (no stack). */
  | { swap: 'error'; target: string; callback: string | null; text: string; html: string }
  /** Callbacks left for the browser to ask for again: `[callback index, changed prop keys]`. */
  | { swap: 'meta'; deferred: [number, string[]][] }

export function stateOf(el: HtmlElement): ParsedState {
  try {
    return JSON.parse(getAttr(el, STATE_ATTR) ?? '') as ParsedState
  } catch {
    return { kind: 'div', props: {}, read: {} }
  }
}

const isControl = (el: HtmlElement) => ['input', 'select', 'textarea'].includes(el.tag)

/** The form control of a component: itself, or the first one inside it. */
export const controlOf = (el: HtmlElement) => (isControl(el) ? el : findElement(el, isControl))

export function liveValue(input: HtmlElement): string {
  if (input.live?.value !== undefined) return input.live.value
  if (input.tag === 'textarea') return textContent(input)
  return getAttr(input, 'value') ?? ''
}

export const isChecked = (input: HtmlElement) => input.live?.checked ?? getAttr(input, 'checked') !== null

/** The reader of a prop: the one its state names, else the counter for `n_*` props, else `value`. */
export const readerOf = (st: ParsedState, prop: string): string =>
  (Object.prototype.hasOwnProperty.call(st.read, prop) ? st.read[prop] : undefined) ??
  (prop.startsWith('n_') ? 'counter' : 'value')

const checkedInputs = (el: HtmlElement) =>
  [...descendants(el)].filter(
    (i) => i.tag === 'input' && ['checkbox', 'radio'].includes(getAttr(i, 'type') ?? '') && isChecked(i)
  )

/** The value of a browser-owned prop, read from the live page with the extension's built-in readers. */
export function readProp(el: HtmlElement, reader: string, prop: string, url: URL): unknown {
  switch (reader) {
    case 'counter': {
      const n = getAttr(el, `data-${prop.replace(/_/g, '-')}`)
      return n ? Number(n) : null
    }
    case 'location':
      return ['pathname', 'search', 'hash', 'href'].includes(prop)
        ? (url as unknown as Record<string, string>)[prop]
        : null
    case 'checked':
      return checkedInputs(el).map((i) => getAttr(i, 'value') ?? 'on')
    case 'radio': {
      const on = checkedInputs(el)[0]
      return on ? (getAttr(on, 'value') ?? 'on') : null
    }
    case 'value':
    case 'number': {
      const input = controlOf(el)
      if (!input) return null
      const value = liveValue(input)
      if (reader === 'value') return value
      if (value === '') return null
      const n = Number(value)
      return Number.isFinite(n) ? n : null
    }
  }
  return null // a user's reader runs in a browser only
}

/** The app root an element belongs to (`.hd-app`), as the extension finds it. */
export function rootOf(doc: HtmlElement, el: HtmlElement | null): HtmlElement {
  const isApp = (e: HtmlElement) => hasClass(e, 'hd-app')
  return (el && (isApp(el) ? el : closestAncestor(el, isApp))) ?? findElement(doc, isApp) ?? doc
}

/** Every component of an app root with its signed state and live values (the extension's `collect`). */
export function collect(root: HtmlElement, url: URL): UpdateBody['components'] {
  const c: UpdateBody['components'] = {}
  for (const el of descendants(root)) {
    const s = getAttr(el, STATE_ATTR)
    const id = getAttr(el, 'id')
    if (s === null || !id) continue
    const st = stateOf(el)
    const parent = closestAncestor(el, (a) => getAttr(a, STATE_ATTR) !== null)
    const values: Record<string, unknown> = {}
    for (const [p, reader] of Object.entries(st.read)) values[p] = readProp(el, reader, p, url)
    c[id] = { state: s, sig: getAttr(el, SIG_ATTR) ?? '', parent: parent ? getAttr(parent, 'id') : null, values }
  }
  return c
}

/** The props an event of `el` changes (`hd-t`: `prop:event` pairs): click props for a click, the others otherwise. */
export function changedProps(el: HtmlElement, isClick: boolean): string[] {
  const pairs = (getAttr(el, TRIGGER_ATTR) ?? '').split(' ').filter(Boolean)
  return pairs
    .map((pair) => pair.split(':') as [string, string])
    .filter(([, event]) => (event === 'click') === isClick)
    .map(([p]) => `${getAttr(el, 'id')}.${p}`)
}

/** Counts a click on `el` and on every enclosing element that counts clicks (the extension's click handler). */
export function countClick(el: HtmlElement, now: number): void {
  const counts = (e: HtmlElement) => getAttr(e, CLICKS_ATTR) !== null
  for (
    let at: HtmlElement | null = counts(el) ? el : closestAncestor(el, counts);
    at;
    at = closestAncestor(at, counts)
  ) {
    const n = getAttr(at, CLICKS_ATTR)
    setAttr(at, CLICKS_ATTR, String((n ? Number(n) : 0) + 1))
    setAttr(at, CLICK_TS_ATTR, String(now))
  }
}

/** Sets what the user entered in a component's control (a text, a number, the checked options). */
export function enterValue(el: HtmlElement, value: unknown): void {
  if (readerOf(stateOf(el), 'value') === 'checked') {
    const picked = (Array.isArray(value) ? value : [value]).map(String)
    for (const i of descendants(el)) {
      if (i.tag === 'input' && getAttr(i, 'type') === 'checkbox')
        i.live = { checked: picked.includes(getAttr(i, 'value') ?? 'on') }
    }
    return
  }
  const input = controlOf(el)
  if (!input)
    throw new Error(
      `Component '${getAttr(el, 'id')}' has no <input>, <select> or <textarea> to enter a value in.`
    )
  input.live = { value: value == null ? '' : String(value) }
}

// ─── responses ──────────────────────────────────────────────────────────────────────────────

const BLOCK = new Set(
  'address article aside blockquote br dd details div dl dt fieldset figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(
    ' '
  )
)

/** What a user reads in an error box: its text, without the stack trace and the close button. */
function readableText(node: HtmlNode): string {
  const words = (n: HtmlNode): string => {
    if (n.type === 'text') return n.text
    if (n.type === 'comment' || ['details', 'pre', 'button'].includes(n.tag)) return ''
    const inner = n.children.map(words).join('')
    return BLOCK.has(n.tag) ? ` ${inner} ` : inner
  }
  return words(node).replace(/\s+/g, ' ').trim()
}

const numbers = (s: string | null) => (s ?? '').split(' ').filter(Boolean).map(Number)

/** The fragments of an update response body (one SSE message, or a whole HTML response). */
export function parseFragments(html: string): Fragment[] {
  const out: Fragment[] = []
  const source = (el: HtmlElement) => (el.inner ? html.slice(el.inner[0], el.inner[1]) : innerHtml(el))
  for (const el of parseHtml(html).children) {
    if (el.type !== 'element' || el.tag !== 'template') continue
    const oob = getAttr(el, 'hx-swap-oob')
    const meta = getAttr(el, META_ATTR)
    if (meta !== null) {
      out.push({ swap: 'meta', deferred: (JSON.parse(meta) as { deferred: [number, string[]][] }).deferred })
    } else if (oob === SWAP_STYLE) {
      const id = getAttr(el, 'id') ?? ''
      const cbs = numbers(getAttr(el, CALLBACK_ATTR))
      const names = getAttr(el, 'hd-attr')
      if (getAttr(el, 'hd-morph') !== null) out.push({ swap: 'morph', id, cbs, html: source(el) })
      else if (names !== null) {
        const carrier = el.children.find((c): c is HtmlElement => c.type === 'element')
        const attrs: Record<string, string | null> = {}
        for (const name of names.split(' ')) attrs[name] = carrier ? getAttr(carrier, name) : null
        out.push({ swap: 'attr', id, cbs, attrs })
      } else out.push({ swap: 'children', id, cbs, html: source(el) })
    } else if (oob && ERRORS_TARGET.test(oob)) {
      const box = el.children.find((c): c is HtmlElement => c.type === 'element')
      out.push({
        swap: 'error',
        target: ERRORS_TARGET.exec(oob)![1]!,
        callback: box ? getAttr(box, 'data-callback') : null,
        text: readableText(el),
        html: source(el),
      })
    }
  }
  return out
}

/** Applies fragments to a page as the extension's `hd` swap (and htmx's `beforeend`) would. */
export function applyFragments(doc: HtmlElement, fragments: readonly Fragment[]): void {
  for (const f of fragments) {
    if (f.swap === 'meta') continue
    if (f.swap === 'error') {
      const area = byId(doc, f.target)
      if (area) replaceChildren(area, [...area.children, ...parseHtml(f.html).children])
      continue
    }
    const target = byId(doc, f.id)
    if (!target) continue // htmx ignores an OOB swap whose target is gone
    if (f.swap === 'children') replaceChildren(target, parseHtml(f.html).children)
    else if (f.swap === 'morph') replaceWith(target, parseHtml(f.html).children)
    else {
      for (const [name, value] of Object.entries(f.attrs)) {
        if (value === null) removeAttr(target, name)
        else setAttr(target, name, value)
      }
    }
  }
}
