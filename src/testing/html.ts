/**
 * @module html
 * A small HTML tree for the test client: parses what hyperdash renders (and what callbacks return),
 * serialises it back the way a browser's `outerHTML` does, and keeps each parsed element's source
 * range so a fragment's HTML can be quoted exactly as it arrived. It does not apply HTML's error
 * recovery (implied `<tbody>`, auto-closed `<p>`): the tree is the markup as written.
 */

export interface HtmlElement {
  readonly type: 'element'
  /** Lower-case tag name; `#root` for the node holding a parsed document or fragment. */
  readonly tag: string
  /** Attributes in source order; names are lower-case. */
  attrs: [name: string, value: string][]
  children: HtmlNode[]
  parent: HtmlElement | null
  /** Where the element's content starts and ends in the parsed source (absent once built by hand). */
  inner?: readonly [start: number, end: number]
  /** Live state of a form control (what the user typed or checked), as a browser keeps it apart from attributes. */
  live?: { value?: string; checked?: boolean }
}

export interface HtmlText {
  readonly type: 'text'
  text: string
  parent: HtmlElement | null
}

export interface HtmlComment {
  readonly type: 'comment'
  text: string
  parent: HtmlElement | null
}

export type HtmlNode = HtmlElement | HtmlText | HtmlComment

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])
const RAW_TEXT = new Set(['script', 'style'])
const ESCAPABLE_RAW_TEXT = new Set(['textarea', 'title'])
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decodes the character references hono emits (and the common named ones); others stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return ENTITIES[ref.toLowerCase()] ?? m
  })
}

export function createElement(tag: string, attrs: [string, string][] = []): HtmlElement {
  return { type: 'element', tag, attrs, children: [], parent: null }
}

// ─── parse ──────────────────────────────────────────────────────────────────────────────────

const ATTR = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y
const OPEN = /<([a-zA-Z][^\s/>]*)/y
const END = /\s*(\/?)>/y
const CLOSE = /<\/([^\s>]+)\s*>/y

const at = (re: RegExp, s: string, i: number) => {
  re.lastIndex = i
  return re.exec(s)
}

/** Parses HTML into a `#root` element holding its top-level nodes. */
export function parseHtml(html: string): HtmlElement {
  const root = createElement('#root')
  root.inner = [0, html.length]
  const stack: HtmlElement[] = [root]
  const top = () => stack[stack.length - 1]!
  const append = (node: HtmlNode) => {
    node.parent = top()
    top().children.push(node)
  }
  const lower = html.toLowerCase()
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    const textEnd = lt < 0 ? html.length : lt
    if (textEnd > i) append({ type: 'text', text: decodeEntities(html.slice(i, textEnd)), parent: null })
    if (lt < 0) break
    i = lt
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4)
      append({ type: 'comment', text: html.slice(i + 4, end < 0 ? html.length : end), parent: null })
      i = end < 0 ? html.length : end + 3
      continue
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i)
      i = end < 0 ? html.length : end + 1
      continue
    }
    const close = at(CLOSE, html, i)
    if (close) {
      const tag = close[1]!.toLowerCase()
      let n = stack.length - 1
      while (n > 0 && stack[n]!.tag !== tag) n--
      if (n > 0) {
        stack[n]!.inner = [stack[n]!.inner![0], i]
        stack.length = n
      }
      i = CLOSE.lastIndex
      continue
    }
    const open = at(OPEN, html, i)
    if (!open) {
      append({ type: 'text', text: '<', parent: null })
      i++
      continue
    }
    const tag = open[1]!.toLowerCase()
    const el = createElement(tag)
    let j = OPEN.lastIndex
    for (let a = at(ATTR, html, j); a; a = at(ATTR, html, j)) {
      el.attrs.push([a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')])
      j = ATTR.lastIndex
    }
    const end = at(END, html, j)
    if (end) j = END.lastIndex
    else {
      const gt = html.indexOf('>', j)
      j = gt < 0 ? html.length : gt + 1
    }
    append(el)
    i = j
    if (VOID.has(tag) || end?.[1] === '/') {
      el.inner = [i, i]
      continue
    }
    if (RAW_TEXT.has(tag) || ESCAPABLE_RAW_TEXT.has(tag)) {
      const stop = lower.indexOf(`</${tag}`, i)
      const bodyEnd = stop < 0 ? html.length : stop
      const body = html.slice(i, bodyEnd)
      if (body)
        el.children.push({ type: 'text', text: RAW_TEXT.has(tag) ? body : decodeEntities(body), parent: el })
      el.inner = [i, bodyEnd]
      const gt = stop < 0 ? -1 : html.indexOf('>', stop)
      i = gt < 0 ? html.length : gt + 1
      continue
    }
    el.inner = [i, html.length]
    stack.push(el)
  }
  return root
}

// ─── serialise ──────────────────────────────────────────────────────────────────────────────

const escapeText = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;')
const escapeAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/\u00a0/g, '&nbsp;')

/** The element's markup, as a browser's `outerHTML` gives it (attributes in order, `"` quotes). */
export function outerHtml(node: HtmlNode): string {
  if (node.type === 'text') {
    return node.parent && RAW_TEXT.has(node.parent.tag) ? node.text : escapeText(node.text)
  }
  if (node.type === 'comment') return `<!--${node.text}-->`
  if (node.tag === '#root') return innerHtml(node)
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`
  return `<${node.tag}${attrs}>${innerHtml(node)}</${node.tag}>`
}

export function innerHtml(el: HtmlElement): string {
  return el.children.map(outerHtml).join('')
}

export function textContent(node: HtmlNode): string {
  if (node.type === 'text') return node.text
  if (node.type === 'comment') return ''
  return node.children.map(textContent).join('')
}

// ─── query and change ───────────────────────────────────────────────────────────────────────

export function getAttr(el: HtmlElement, name: string): string | null {
  const a = el.attrs.find(([k]) => k === name)
  return a ? a[1] : null
}

export function setAttr(el: HtmlElement, name: string, value: string): void {
  const a = el.attrs.find(([k]) => k === name)
  if (a) a[1] = value
  else el.attrs.push([name, value])
}

export function removeAttr(el: HtmlElement, name: string): void {
  el.attrs = el.attrs.filter(([k]) => k !== name)
}

export const hasClass = (el: HtmlElement, name: string) =>
  (getAttr(el, 'class') ?? '').split(/\s+/).includes(name)

/** Every element below `root` (not `root` itself), in document order. */
export function* descendants(root: HtmlElement): Generator<HtmlElement> {
  for (const c of root.children) {
    if (c.type !== 'element') continue
    yield c
    yield* descendants(c)
  }
}

export function findElement(root: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement | null {
  for (const el of descendants(root)) if (test(el)) return el
  return null
}

export const byId = (root: HtmlElement, id: string) => findElement(root, (el) => getAttr(el, 'id') === id)

/** The nearest ancestor (not `el` itself) that passes `test`. */
export function closestAncestor(el: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement | null {
  for (let at = el.parent; at; at = at.parent) if (at.tag !== '#root' && test(at)) return at
  return null
}

/** Replaces the children of `el` with `nodes` (moved from wherever they were). */
export function replaceChildren(el: HtmlElement, nodes: readonly HtmlNode[]): void {
  el.children = [...nodes]
  for (const n of el.children) n.parent = el
}

/** Puts `nodes` where `old` is. */
export function replaceWith(old: HtmlNode, nodes: readonly HtmlNode[]): void {
  const parent = old.parent
  if (!parent) return
  const at = parent.children.indexOf(old)
  parent.children.splice(at, 1, ...nodes)
  for (const n of nodes) n.parent = parent
  old.parent = null
}
