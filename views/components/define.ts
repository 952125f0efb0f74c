/**
 * @module define
 * `defineComponent`: a component in one declaration (its props' schemas, which props the browser owns
 * and how it reads them, its render function). The result is a JSX component that carries its
 * definition, so an app that meets it (in `components`, its layout or a callback's output) knows it.
 * docs/components.md shows how to write one.
 */
import { fileURLToPath } from 'node:url'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { z } from 'zod'
import {
  isTagName,
  nullProto,
  READER_NAME,
  type BrowserProp,
  type ComponentSpec,
} from '../../src/protocol/components.ts'
import { element } from '../html.ts'
import { HD_SPEC, type HdComponent } from '../tree.ts'
import type { DictId } from '../../src/core/wildcards.ts'

const toPath = (s: string | URL) => (s instanceof URL ? fileURLToPath(s) : s)

/**
 * Live attributes passed by the renderer; spread `hd` on the element that carries the id. `hdNames`:
 * the form field name of each browser-owned prop the page's form carries; `hdForm`: the id of that
 * form (see {@link formAttrs}).
 */
export type HdAttrs = { hd?: Record<string, string>; hdNames?: Record<string, string>; hdForm?: string }

/**
 * The `name` of the native control that holds `prop`: `hd:<id>.<prop>` when the component is live
 * and the page's form carries the prop, else `fallback`. The control also needs the form's id:
 * spread {@link formAttrs} instead, which gives both.
 */
export const formName = (p: HdAttrs, prop: string, fallback?: string): string | undefined =>
  p.hdNames?.[prop] ?? fallback

/**
 * The `name` and `form` attributes of the native control that holds `prop`: spread them on it. The
 * page's form is an empty `<form>` beside the layout (so an app's own `<form>` never nests in it), and
 * each of its controls names it with `form`. When the form does not carry the prop, `name` is
 * `fallback` and there is no `form`: the control belongs to whatever form of the app encloses it.
 * @example <input type="checkbox" {...formAttrs(p, 'value')} value={v} />
 */
export function formAttrs(p: HdAttrs, prop: string, fallback?: string): { name?: string; form?: string } {
  const name = p.hdNames?.[prop]
  return name === undefined ? { name: fallback } : { name, form: p.hdForm }
}

/** Common props of every component. */
export interface BaseProps {
  /** A string id, or a dict id for pattern-matching callbacks (`{ type: 'todo', index: 3 }`). */
  id?: string | DictId
  className?: string
  style?: Record<string, string | number>
}

/** The props a component's schemas describe, each optional (an unset prop reads as `null`, R9). */
export type PropsOf<S extends Record<string, z.ZodType>> = BaseProps & { [K in keyof S]?: z.output<S[K]> }

/** What `render` receives: the props, with the id in its string form (a dict id is Dash's JSON). */
export type RenderProps<S extends Record<string, z.ZodType>> = Omit<PropsOf<S>, 'id'> & { id?: string }

export interface ComponentDefinition<S extends Record<string, z.ZodType>> {
  /** `dcc.Input`, `StarRating`: a dotted or capitalised name (never an HTML tag name), unique per app. */
  name: string
  /** Every prop's schema, browser-owned ones included: they type the props and check what arrives. */
  props: S
  /** The props the browser owns: the DOM event that changes each one and the reader that reads it. */
  browser?: { [K in keyof S]?: BrowserProp }
  /**
   * ES modules the page loads with it, e.g. the reader it names: `new URL('./star-rating.js',
   * import.meta.url)`. Served by the app that knows the component (CSP allows them: same origin).
   */
  scripts?: readonly (string | URL)[]
  /** Stylesheets the page links with it: `new URL('./star-rating.css', import.meta.url)`. */
  styles?: readonly (string | URL)[]
  /**
   * Server-owned props too large to travel back with every request (a figure, a table's rows): the
   * page shows them, but its signed state carries them only when a callback reads them (Input or
   * State). A re-render caused by another prop then renders without them: the component's script
   * keeps what the browser shows.
   */
  heavy?: readonly (keyof S & string)[]
  /** Renders the component; spread `hd` on the element that carries `id`. */
  render: (props: RenderProps<S> & HdAttrs) => JSX.Element
  /** Its props on a first page given the page's URL (a no-JavaScript link's choice), or the same. */
  fromUrl?: (props: PropsOf<S>, url: URL, id: string) => PropsOf<S>
}

/**
 * Defines a component.
 * @example
 * export const StarRating = defineComponent({
 *   name: 'StarRating',
 *   props: { value: z.number().int().min(0).max(5).nullable(), max: z.number().int().min(1).max(10) },
 *   browser: { value: { event: 'click', read: 'star-rating', keep: true } },
 *   render: (p) => <div id={p.id} class="star-rating" {...p.hd}>…</div>,
 * })
 */
export function defineComponent<const S extends Record<string, z.ZodType>>(
  def: ComponentDefinition<S>
): HdComponent<PropsOf<S>> {
  const { name, props, browser = {}, render, scripts = [], styles = [], heavy = [], fromUrl } = def
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name) || isTagName(name)) {
    throw new TypeError(
      `defineComponent: '${name}' is not a component name. Use a capitalised or dotted name ` +
        `('StarRating', 'my.StarRating'): lowercase names are HTML tags.`
    )
  }
  for (const [prop, bp] of Object.entries(browser as Record<string, BrowserProp | undefined>)) {
    if (!bp) continue
    if (bp.schema === undefined && !Object.prototype.hasOwnProperty.call(props, prop))
      throw new TypeError(`defineComponent('${name}'): browser prop '${prop}' has no schema in \`props\`.`)
    if (typeof bp.read === 'string' && !READER_NAME.test(bp.read))
      throw new TypeError(`defineComponent('${name}'): '${bp.read}' is not a reader name.`)
  }
  // The tag users write: in JSX `<dcc.Input id="num" />`; called in plain JavaScript,
  // `dcc.Input({ id: 'num' })` makes the same node. The renderer calls `render`, never this.
  const component = (a?: unknown, b?: Record<string, unknown>): JSX.Element => element(component, a, b)
  const spec: ComponentSpec = {
    name,
    props: nullProto<z.ZodType>(props),
    browser: nullProto(
      Object.fromEntries(
        Object.entries(browser as Record<string, BrowserProp | undefined>).filter(([, b]) => b)
      )
    ) as Record<string, BrowserProp>,
    rerender: true,
    component,
    render: render as (props: Record<string, unknown>) => unknown,
    scripts: scripts.map(toPath),
    styles: styles.map(toPath),
    heavy: new Set(heavy),
    ...(fromUrl && { fromUrl: fromUrl as NonNullable<ComponentSpec['fromUrl']> }),
  }
  Object.defineProperty(component, HD_SPEC, { value: spec })
  Object.defineProperty(component, 'name', { value: name.split('.').pop() })
  return component as unknown as HdComponent<PropsOf<S>>
}
