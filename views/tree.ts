/**
 * @module tree
 * Layouts as data: expands hono/jsx trees (calls user components, keeps hyperdash components as
 * leaves), finds the components in them, and serialises values for the page (Dash's JSON form).
 */
import type { FC } from 'hono/jsx'
import type { ComponentRecord } from '../src/core/page.ts'
import { idString } from '../src/core/ids.ts'
import { isDictId } from '../src/core/wildcards.ts'
import { isTagName, type ComponentRegistry, type ComponentSpec } from '../src/protocol/components.ts'

/** Carries a hyperdash component function's definition (views/components/define.ts). */
export const HD_SPEC = Symbol.for('hyperdash.component')

export type HdComponent<P = Record<string, unknown>> = FC<P & { hd?: Record<string, string> }> & {
  readonly [HD_SPEC]: ComponentSpec
}

interface Node {
  tag: string | ((props: Record<string, unknown>) => unknown)
  props: Record<string, unknown>
  children: unknown[]
}

/** Brands the elements `expand` makes: data from a user (`JSON.parse`) can never carry a symbol. */
const EXPANDED = Symbol('hyperdash.element')

/**
 * True for real elements only: hono/jsx nodes (they render themselves) and the ones `expand` made.
 * A plain object of the same shape, say parsed from user input and returned by a callback, is data,
 * never markup.
 */
export const isNode = (v: unknown): v is Node =>
  typeof v === 'object' &&
  v !== null &&
  'tag' in v &&
  'props' in v &&
  'children' in v &&
  ((v as { [EXPANDED]?: boolean })[EXPANDED] === true ||
    typeof (v as { toStringToBuffer?: unknown }).toStringToBuffer === 'function')

/** True for strings hono has already escaped (`raw()`, `html\`\``), which pass through untouched. */
const isEscaped = (v: unknown) => v instanceof String && (v as { isEscaped?: boolean }).isEscaped === true

/** The definition a component function carries, or undefined for anything else. */
export function hdSpecOf(tag: unknown): ComponentSpec | undefined {
  return typeof tag === 'function' ? (tag as Partial<HdComponent>)[HD_SPEC] : undefined
}

/** The kind name of a component function, e.g. `dcc.Input`. */
export const hdKindOf = (tag: unknown): string | undefined => hdSpecOf(tag)?.name

/**
 * An expanded element is plain data, created fresh so that the layout the app gave is never mutated
 * (and so hono's own intrinsic components, such as its `<button>`, do not wrap it again).
 */
export function element(tag: Node['tag'], props: Record<string, unknown>, children: unknown[]): Node {
  const p = { ...props }
  delete p['children']
  return Object.defineProperty({ tag, props: p, children }, EXPANDED, { value: true })
}

/**
 * Expands a layout or a callback's `children` value: user function components are called (awaited
 * when async), fragments and arrays flattened, hyperdash components and elements kept.
 */
export async function expand(value: unknown): Promise<unknown> {
  if (value === null || value === undefined || typeof value === 'boolean') return null
  if (typeof value === 'string' || typeof value === 'number' || isEscaped(value)) return value
  if (value instanceof Promise) return expand(await value)
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const v of value) {
      const e = await expand(v)
      if (Array.isArray(e)) out.push(...e)
      else if (e !== null) out.push(e)
    }
    return out
  }
  if (!isNode(value)) return value // plain data (e.g. an object): the checker decides if it may render
  const { tag, props, children } = value
  if (tag === '') return expand(children)
  if (typeof tag === 'function') {
    if (hdKindOf(tag)) {
      // A container component (dcc.Loading, ConfirmDialogProvider): its children are part of the
      // page, expanded like any other, so the components inside them are found and rendered live.
      if (!children.length || children.every((c) => typeof c === 'string' || typeof c === 'number'))
        return value
      const kids = await expand(children)
      return element(tag as never, props, Array.isArray(kids) ? kids : kids === null ? [] : [kids])
    }
    const p: Record<string, unknown> = { ...props }
    if (children.length) p['children'] = children.length === 1 ? children[0] : children
    return expand(tag(p))
  }
  if (tag === 'svg') return value // rendered as given: its namespace context must stay intact
  const kids = await expand(children)
  return element(tag, props, Array.isArray(kids) ? kids : kids === null ? [] : [kids])
}

/** The `children` prop of an expanded element, in Dash's shape: one child alone, several as a list. */
export function childrenOf(node: Node): unknown {
  const c = node.children
  return c.length === 0 ? undefined : c.length === 1 ? c[0] : c
}

/**
 * The string form of a layout id: a string as is, a dict id as Dash's JSON (sorted keys, no spaces);
 * null when there is none. A dict id with a bad key or value is refused with the reason.
 */
export function layoutId(id: unknown): string | null {
  if (typeof id === 'string') return id || null
  if (isDictId(id)) return idString(id, 'A component in the layout')
  return null
}

/** What a scan needs from the app: which ids take part in the graph, and where to record kinds met. */
export interface ScanContext {
  involves(id: string): boolean
  components: ComponentRegistry
}

/**
 * Finds the components of an expanded tree that take part in the graph, and registers every component
 * kind it meets with the app. `parent` is the id of the nearest enclosing one. Throws on a duplicate
 * id (R5).
 */
export function scan(
  tree: unknown,
  parent: string | null,
  app: ScanContext,
  out: ComponentRecord[] = [],
  seen = new Set<string>()
): ComponentRecord[] {
  if (Array.isArray(tree)) {
    for (const t of tree) scan(t, parent, app, out, seen)
    return out
  }
  if (!isNode(tree)) return out
  const spec = hdSpecOf(tree.tag)
  if (spec) app.components.add(spec)
  const id = layoutId(tree.props['id'])
  let here = parent
  if (id) {
    if (seen.has(id)) {
      throw new Error(
        `Duplicate component id found in the layout: '${id}'. Every component id must be unique on a page.`
      )
    }
    seen.add(id)
    if (app.involves(id)) {
      const kind = spec?.name ?? (tree.tag as string)
      const props: Record<string, unknown> = { ...tree.props }
      delete props['children']
      const children = childrenOf(tree)
      if (children !== undefined) props['children'] = children
      out.push({ id, kind, props, parent })
      here = id
    }
  }
  // Inside HTML elements and container components (their children are expanded nodes or text).
  for (const c of tree.children) scan(c, here, app, out, seen)
  return out
}

/**
 * The kinds of the ids a layout given as JSX shows without running it (user function components are
 * not called; what they are passed is still visited), registering the components met. Lets the app
 * check its callbacks before the first page is rendered.
 */
export function layoutKinds(
  layout: unknown,
  components: ComponentRegistry,
  out = new Map<string, string>()
): Map<string, string> {
  if (Array.isArray(layout)) {
    for (const l of layout) layoutKinds(l, components, out)
    return out
  }
  if (!isNode(layout)) return out
  const spec = hdSpecOf(layout.tag)
  if (spec) components.add(spec)
  const id = layoutId(layout.props['id'])
  if (id && (spec || typeof layout.tag === 'string')) out.set(id, spec?.name ?? (layout.tag as string))
  const kids = layout.children.length ? layout.children : layout.props['children']
  if (kids !== undefined) layoutKinds(kids, components, out)
  return out
}

/** A value in Dash's JSON form: elements become `{ type, props }`; used for state that travels. */
export function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (isEscaped(value)) return String(value)
  if (Array.isArray(value)) return value.map(toJson)
  if (isNode(value)) {
    const props: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value.props))
      if (k !== 'children') props[k] = k === 'id' && isDictId(v) ? { ...v } : toJson(v)
    const c = childrenOf(value)
    if (c !== undefined) props['children'] = toJson(c)
    return { type: hdKindOf(value.tag) ?? value.tag, props }
  }
  if (typeof value === 'object') {
    const o: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) o[k] = toJson(v)
    return o
  }
  return value
}

/** Tags never made from data: a value read back from the page is shown, never run. */
const NOT_FROM_DATA = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'frame',
])

/** True for an element in Dash's JSON form (`{ type, props }`): it renders as one element. */
export function isElementData(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const o = v as Record<string, unknown>
  return typeof o['type'] === 'string' && typeof o['props'] === 'object' && o['props'] !== null
}

/**
 * Elements again from Dash's JSON form (the inverse of {@link toJson}), for a `children` value read
 * back from the page's signed state and patched: `{ type: 'li', props }` becomes an `<li>`, a known
 * component's name its component. Script-capable tags and `on*` attributes are never made.
 */
export function fromJson(value: unknown, components: ComponentRegistry): unknown {
  if (Array.isArray(value)) return value.map((v) => fromJson(v, components))
  if (isNode(value) || !isElementData(value)) return value
  const { type, props } = value as { type: string; props: Record<string, unknown> }
  const p: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(props))
    if (!/^on/i.test(k)) p[k] = k === 'children' ? fromJson(v, components) : v
  const spec = components.get(type)
  if (spec?.component) return (spec.component as (props: Record<string, unknown>) => unknown)(p)
  if (!isTagName(type) || NOT_FROM_DATA.has(type)) return value
  const kids = p['children']
  return element(type, p, kids === undefined || kids === null ? [] : Array.isArray(kids) ? kids : [kids])
}

/** Why a callback's value cannot go to the page, or null when it can (R31). */
export function checkRenderable(value: unknown, depth = 0): string | null {
  if (depth > 200) return 'it is nested too deeply (a cycle?)'
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value) || isEscaped(value))
    return null
  if (typeof value === 'function') return 'it is a function'
  if (typeof value === 'symbol' || typeof value === 'bigint') return `it is a ${typeof value}`
  if (value === undefined) return null
  if (Array.isArray(value)) {
    for (const v of value) {
      const why = checkRenderable(v, depth + 1)
      if (why) return why
    }
    return null
  }
  if (isNode(value)) return null
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) {
    return `it is a ${(value as object).constructor?.name ?? 'class instance'}, not plain data`
  }
  for (const v of Object.values(value as object)) {
    const why = checkRenderable(v, depth + 1)
    if (why) return why
  }
  return null
}
