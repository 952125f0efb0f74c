/**
 * @module html
 * Dash's `html.*` for plain JavaScript (no JSX, no build step): `html.Div([children], { id })`.
 * Each call makes the same node JSX would make, so a layout written either way renders the same HTML.
 * @example
 * html.Div([html.Button('Go', { id: 'go' }), html.P({ id: 'out' })])
 */
import { jsx } from 'hono/jsx'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { DictId } from '../src/core/wildcards.ts'

/** Props of an HTML element, in Dash's names (`className`, `n_clicks`, `style` as an object, …). */
export type HtmlProps = Record<string, unknown> & {
  /** A string id, or a dict id for pattern-matching callbacks (`{ type: 'item', index: 3 }`). */
  id?: string | DictId
  className?: string
  style?: Record<string, string | number>
  children?: unknown
}

/**
 * An element builder: children first, then props, as in Dash (`html.P('text', { id })`); or props
 * alone (`html.P({ id, children })`).
 */
export type ElementBuilder = {
  /** As a JSX tag (`<html.Div id={{ type: 'item', index: 1 }}>`): props, children inside. */
  (props: HtmlProps): JSX.Element
  (childrenOrProps?: unknown, props?: HtmlProps): JSX.Element
}

/** The node JSX makes for `tag` from Dash-style arguments. */
export function element(tag: unknown, childrenOrProps?: unknown, props?: HtmlProps): JSX.Element {
  const propsFirst = isPlainProps(childrenOrProps)
  const p: Record<string, unknown> = { ...(propsFirst ? childrenOrProps : props) }
  const children = propsFirst ? p['children'] : childrenOrProps
  delete p['children']
  const kids =
    children === undefined || children === null ? [] : Array.isArray(children) ? children : [children]
  return (jsx as unknown as (t: unknown, p: object, ...c: unknown[]) => JSX.Element)(tag, p, ...kids)
}

/** A plain `{ … }` of props, not a child (a node, a string, a list). */
function isPlainProps(v: unknown): v is HtmlProps {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Dash's names of the HTML elements: `Div` → `<div>`; names not listed here work the same way. */
type TagName =
  | 'A'
  | 'Abbr'
  | 'Address'
  | 'Article'
  | 'Aside'
  | 'Audio'
  | 'B'
  | 'Blockquote'
  | 'Br'
  | 'Button'
  | 'Canvas'
  | 'Caption'
  | 'Cite'
  | 'Code'
  | 'Col'
  | 'Colgroup'
  | 'Data'
  | 'Datalist'
  | 'Dd'
  | 'Del'
  | 'Details'
  | 'Dfn'
  | 'Dialog'
  | 'Div'
  | 'Dl'
  | 'Dt'
  | 'Em'
  | 'Embed'
  | 'Fieldset'
  | 'Figcaption'
  | 'Figure'
  | 'Footer'
  | 'Form'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'Header'
  | 'Hr'
  | 'I'
  | 'Iframe'
  | 'Img'
  | 'Ins'
  | 'Kbd'
  | 'Label'
  | 'Legend'
  | 'Li'
  | 'Main'
  | 'Mark'
  | 'Meter'
  | 'Nav'
  | 'Ol'
  | 'Optgroup'
  | 'Option'
  | 'Output'
  | 'P'
  | 'Picture'
  | 'Pre'
  | 'Progress'
  | 'Q'
  | 'S'
  | 'Samp'
  | 'Section'
  | 'Select'
  | 'Small'
  | 'Source'
  | 'Span'
  | 'Strong'
  | 'Sub'
  | 'Summary'
  | 'Sup'
  | 'Table'
  | 'Tbody'
  | 'Td'
  | 'Textarea'
  | 'Tfoot'
  | 'Th'
  | 'Thead'
  | 'Time'
  | 'Tr'
  | 'U'
  | 'Ul'
  | 'Var'
  | 'Video'
  | 'Wbr'

const builders = new Map<string, ElementBuilder>()

/**
 * Dash's `html` namespace: one builder per HTML element, named as in Dash (`html.Div`, `html.H1`).
 * @example
 * const layout = html.Div([html.H1('Prime factors'), html.Button('Go', { id: 'go' }), html.P({ id: 'out' })])
 */
export const html = new Proxy({} as Record<TagName, ElementBuilder> & Record<string, ElementBuilder>, {
  get(_, name) {
    if (typeof name !== 'string') return undefined
    let b = builders.get(name)
    if (!b) {
      const tag = name.toLowerCase()
      b = (childrenOrProps?: unknown, props?: HtmlProps) => element(tag, childrenOrProps, props)
      builders.set(name, b)
    }
    return b
  },
})
