/**
 * @module render
 * Turns an expanded tree into hono/jsx nodes ready to print, giving each live component its current
 * props (from the page) and its attributes (signed state, htmx request, click counter).
 */
import { Fragment, jsx } from 'hono/jsx'
import type { PageState } from '../src/core/page.ts'
import { componentAttrs, type AttrOptions } from '../src/protocol/attrs.ts'
import { own } from '../src/protocol/components.ts'
import { FORM_CLICK_FIELD, CLICKS_ATTR } from '../src/protocol/constants.ts'
import { formFields } from '../src/protocol/form.ts'
import { hdSpecOf, isNode, layoutId, type HdComponent } from './tree.ts'

export interface RenderOptions extends AttrOptions {
  page: PageState
  /**
   * The id of the page's form (views/document.tsx): each control it carries names it with `form`,
   * as the form is beside the layout, never around it (an app's own `<form>` must not nest in it).
   */
  formId?: string
}

/** Props that are state, not HTML attributes. */
const NOT_ATTRIBUTES = new Set(['children', 'n_clicks', 'n_clicks_timestamp'])

/** Attributes holding a URL the browser may navigate to or load. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'data',
  'cite',
])

/** What a refused URL becomes (as Dash does for `javascript:` links). */
export const BLOCKED_URL = 'about:blank'

/**
 * True for a URL that runs script when followed: `javascript:` and `vbscript:`, however spelled
 * (browsers ignore case, tabs and newlines anywhere, and leading control characters and spaces).
 */
export function isScriptUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '')
  return /^(javascript|vbscript):/i.test(url)
}

/** The props with script URLs in URL attributes replaced by {@link BLOCKED_URL}. */
export function safeUrls(props: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(props)) {
    if (URL_ATTRIBUTES.has(k.toLowerCase()) && isScriptUrl(v)) props[k] = BLOCKED_URL
  }
  return props
}

/**
 * Renders one live HTML element or hyperdash component from its record. `node`: the element in the
 * tree being rendered, for what its record lacks: a component no callback involves that a request's
 * `setProps` (or a job's progress) brought onto the page with only the props it set keeps its other
 * attributes and its children when a form post renders the page whole.
 */
export function renderComponent(id: string, tag: unknown, o: RenderOptions, node?: TreeNode): unknown {
  const rec = o.page.get(id)!
  const hd = componentAttrs(rec, o)
  const render = hdSpecOf(tag)?.render
  if (render) {
    const props: Record<string, unknown> = {
      ...rec.props,
      id,
      hd,
      hdNames: formFields(rec, o),
      hdForm: o.formId,
    }
    // A container component's children: rendered live, as the page's other elements.
    if (props['children'] !== undefined) props['children'] = renderTree(props['children'], o)
    return render(props)
  }
  const browser = o.components.require(rec.kind).browser
  const props: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rec.props)) if (!NOT_ATTRIBUTES.has(k) && !own(browser, k)) props[k] = v
  if (node)
    for (const [k, v] of Object.entries(node.props))
      if (!Object.hasOwn(rec.props, k) && !NOT_ATTRIBUTES.has(k) && !own(browser, k)) props[k] = v
  Object.assign(safeUrls(props), { id }, hd)
  // Without JavaScript, a live button submits the page's form, naming itself (src/protocol/form.ts).
  if (tag === 'button' && CLICKS_ATTR in hd && (props['type'] ?? 'submit') === 'submit')
    Object.assign(props, { name: FORM_CLICK_FIELD, value: id, form: o.formId })
  const kids = renderTree(
    node && !Object.hasOwn(rec.props, 'children') ? childrenProps(node)['children'] : rec.props['children'],
    o
  )
  return jsx(tag as string, props, ...((Array.isArray(kids) ? kids : [kids]) as never[]))
}

/** Renders an expanded tree (a layout, or a callback's `children`). */
export function renderTree(tree: unknown, o: RenderOptions): unknown {
  if (Array.isArray(tree)) return tree.map((t) => renderTree(t, o))
  if (!isNode(tree)) return tree
  const id = layoutId(tree.props['id'])
  if (id && o.page.has(id)) return renderComponent(id, tree.tag, o, tree)
  // A component no callback involves renders as it is, with no live attributes.
  const render = hdSpecOf(tree.tag)?.render
  if (render) {
    const props = childrenProps(tree)
    if (props['children'] !== undefined) props['children'] = renderTree(props['children'], o)
    return render({ ...props, ...(id ? { id } : {}), hd: undefined })
  }
  if (typeof tree.tag !== 'string' || tree.tag === 'svg') return tree
  const kids = tree.children.map((c) => renderTree(c, o))
  const props = safeUrls({ ...tree.props })
  delete props['children']
  if (id) props['id'] = id
  return jsx(tree.tag, props, ...(kids as never[]))
}

/** Prints hono/jsx nodes to HTML (awaiting async components). */
export async function toHtml(node: unknown): Promise<string> {
  if (node === null || node === undefined || typeof node === 'boolean') return ''
  const wrapped = jsx(Fragment, {}, ...((Array.isArray(node) ? node : [node]) as never[]))
  return String(await (wrapped as unknown as { toString(): string | Promise<string> }).toString())
}

/** An expanded JSX node, as renderTree meets it. */
type TreeNode = { props: Record<string, unknown>; children: unknown[] }

/** A node's props with its children as the `children` prop. */
function childrenProps(node: TreeNode): Record<string, unknown> {
  const c = node.children
  return c.length ? { ...node.props, children: c.length === 1 ? c[0] : c } : { ...node.props }
}
