/**
 * @module components
 * What a component is to the server and the browser, declared once: its props' zod schemas, which of
 * them the browser owns, which DOM event changes each one, and which reader the browser uses to read
 * it. Definitions are made by `defineComponent` (views/components/define.ts) and held in a
 * {@link ComponentRegistry} that the app owns. Plain HTML elements share {@link htmlElement}.
 */
import { z } from 'zod'
import { ConfigError } from '../core/errors.ts'
import { RequestError } from './errors.ts'

type Props = Record<string, unknown>

/** A value, or a function of the component's server-owned props that gives it. */
export type PerProps<T> = T | ((props: Props) => T)

/**
 * The readers static/hyperdash.js has built in, by name. A component may name another one: a user
 * module registers it with `window.hyperdash.readers[name] = (el, prop) => value`.
 * - `value`: the value of the component's control (itself, or the first input/select/textarea inside);
 *   for a `<select multiple>`, the list of its selected options' values.
 * - `number`: the same as a finite number; `null` when empty or not a number.
 * - `checked`: the values of the checked checkboxes and radios inside, as a list.
 * - `radio`: the value of the checked radio inside, or `null`.
 * - `counter`: the number in the attribute `data-<prop with - for _>` (`n_clicks` → `data-n-clicks`).
 * - `location`: `location[prop]` (`pathname`, `search`, `hash`, `href`).
 */
export const BUILTIN_READERS = ['value', 'number', 'checked', 'radio', 'counter', 'location'] as const
export type BuiltinReader = (typeof BUILTIN_READERS)[number]

/** A reader's name: built in, or registered by a user module. Letters, digits, `-` and `_`. */
export const READER_NAME = /^[A-Za-z][\w-]{0,63}$/

/** How the browser owns one prop. */
export interface BrowserProp {
  /**
   * What the browser may send for it (zod), checked on every request. Default: the prop's schema in
   * `props`. A function of the server-owned props when the check depends on them (a slider's bounds).
   */
  schema?: PerProps<z.ZodType>
  /**
   * Turns the checked value into the prop's value given the server-owned props, or refuses it
   * (a checklist maps the strings it reads back to its options' own values).
   */
  accept?: (value: unknown, props: Props) => Accepted
  /**
   * The htmx trigger that fires when the user changes it (`'change'`, `'click'`, `'input changed
   * delay:300ms'`), or null when no event sends it (its value travels with the next request).
   */
  event: PerProps<string | null>
  /** How the browser reads it: a built-in reader or one a user module registers. */
  read: PerProps<BuiltinReader | (string & {})>
  /** With `event: null`: the value is the browser's when a page loads (a URL), read by initial calls. */
  pageLoad?: boolean
  /**
   * Sent with every request even when no callback reads it: re-rendering the component from its state
   * then keeps what the user entered (a callback changing an input's `max` must not reset its value).
   */
  keep?: boolean
  /**
   * How the page's form carries it when JavaScript is off (src/protocol/form.ts): `text` (one
   * string), `number` (one number, empty → null), `list` (every value under its name, none → []),
   * `numbers` (the same as numbers), `one` (one checked value or null), `json` (one JSON text, posted
   * by the submit button pressed: a table's page or sort; absent → unchanged), `file` (a file input's
   * files: `contents`, `filename` and `last_modified` of dcc.Upload, set as its upload route does),
   * or null: not a form field (its value stays as the page had it). Default: from the reader
   * (`value` → text, `number` → number, `checked` → list, `radio` → one; others null). The component
   * gives its native controls `formAttrs(p, prop)` (views/components/define.ts).
   */
  form?: PerProps<FormKind | null>
  /**
   * A change of it re-renders the component even when no callback reads it: the server renders it
   * again from its props and the new value (a table's native paging, sorting and filtering).
   */
  rerender?: PerProps<boolean>
  /**
   * Its value also travels in the signed state, like a server-owned prop's; what the browser sends
   * is a change that `accept` applies to that value (a table's edited cells applied to its rows).
   */
  signed?: boolean
}

/** How a form field decodes into a prop's value (see {@link BrowserProp.form}). */
export type FormKind = 'text' | 'number' | 'list' | 'numbers' | 'one' | 'json' | 'file'

export type Accepted = { ok: true; value: unknown } | { ok: false; message: string }

/** A component kind as the server and the browser see it. */
export interface ComponentSpec {
  /** `dcc.Input`, `StarRating`: a dotted or capitalised name, never an HTML tag name. */
  readonly name: string
  /** Schemas of its props (server- and browser-owned), for validation and documentation. */
  readonly props: Readonly<Record<string, z.ZodType>>
  /** The props the browser owns (a null-prototype map: wire names index it). */
  readonly browser: Readonly<Record<string, BrowserProp>>
  /** True when the server re-renders the whole component to update any prop (defined components). */
  readonly rerender: boolean
  /** The component function (JSX) users write as the tag. Absent for HTML elements. */
  readonly component?: unknown
  /** Renders the component from its props (with `hd`, its live attributes). Absent for HTML elements. */
  readonly render?: (props: Record<string, unknown>) => unknown
  /**
   * Files of ES modules the page loads for it (a reader it names, say): absolute paths. The app serves
   * each at `<base>/_hd/components/<name>/<file name>` and puts a `<script type="module">` in the head.
   */
  readonly scripts?: readonly string[]
  /** Files of stylesheets the page links for it, served like {@link scripts}. */
  readonly styles?: readonly string[]
  /** Server-owned props its signed state carries only when a callback reads them (large data). */
  readonly heavy?: ReadonlySet<string>
  /**
   * Its props on a first page, given the page's URL (a link that works without JavaScript, such as
   * dcc.Tabs' `?tabs=details`): the props to use, or the same object. Runs before initial calls.
   */
  readonly fromUrl?: (props: Props, url: URL, id: string) => Props
}

/** An object with no prototype: `valueOf`, `__proto__`, `constructor` are just missing keys there. */
export function nullProto<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries)
}

/** `obj[key]` if `obj` has it as its own property, else undefined (never an inherited method). */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined
}

export const resolve = <T>(v: PerProps<T>, props: Props): T =>
  typeof v === 'function' ? (v as (p: Props) => T)(props) : v

/** Longest string a text value may have (a 200 KB paste is refused with a 4xx). */
export const MAX_TEXT = 65_536

export const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable()
export const timestamp = z.number().int().min(0).max(8.64e15).nullable()
/** A finite number (JSON has no NaN or Infinity, but an in-process caller may send them). */
export const finite = z.number().refine(Number.isFinite, 'Expected a finite number')

/** `n_clicks` and `n_clicks_timestamp`: counted by the extension on a click (R13). */
export const clickProps = {
  n_clicks: { schema: count, event: 'click', read: 'counter' },
  n_clicks_timestamp: { schema: timestamp, event: 'click', read: 'counter' },
} as const satisfies Record<string, BrowserProp>

/**
 * `n_submit` and `n_submit_timestamp`: Enter in a component's `<input>`, counted by the extension,
 * which then sends the `hd-submit` event. The browser element reads `data-n-submit`.
 */
export const submitProps = {
  n_submit: { schema: count, event: 'hd-submit', read: 'counter' },
  n_submit_timestamp: { schema: timestamp, event: 'hd-submit', read: 'counter' },
} as const satisfies Record<string, BrowserProp>

/** `n_blur` and `n_blur_timestamp`: the component's `<input>` or `<textarea>` lost focus. */
export const blurProps = {
  n_blur: { schema: count, event: 'blur', read: 'counter' },
  n_blur_timestamp: { schema: timestamp, event: 'blur', read: 'counter' },
} as const satisfies Record<string, BrowserProp>

/** Any plain HTML element (Dash's `html.*`): clicks are the only props the browser owns. */
export const htmlElement: ComponentSpec = {
  name: 'html',
  props: nullProto({ n_clicks: count, n_clicks_timestamp: timestamp }),
  browser: nullProto<BrowserProp>(clickProps),
  rerender: false,
}

/** Where component scripts are served, below the app's base path. */
export const COMPONENTS_PREFIX = '/_hd/components'

/** The path a component's script is served at: `/_hd/components/StarRating/star-rating.js`. */
export const componentScriptPath = (name: string, file: string) =>
  `${COMPONENTS_PREFIX}/${encodeURIComponent(name)}/${encodeURIComponent(file.split(/[\\/]/).pop()!)}`

/** An HTML tag name (`div`, `my-element`): what a component's name may never be. */
export const isTagName = (name: string) => /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)

/** The prop's wire check for these server-owned props: its schema, then its `accept` hook. */
export function parseBrowserValue(spec: ComponentSpec, prop: string, value: unknown, props: Props): Accepted {
  const bp = own(spec.browser, prop)
  if (!bp) return { ok: false, message: `'${prop}' is not a prop the browser owns on a ${spec.name}` }
  const schema = bp.schema === undefined ? own(spec.props, prop) : resolve(bp.schema, props)
  if (!schema) return { ok: false, message: `${spec.name} declares no schema for '${prop}'` }
  const r = schema.safeParse(value)
  if (!r.success) return { ok: false, message: z.prettifyError(r.error).replace(/^✖ /, '') }
  return bp.accept ? bp.accept(r.data, props) : { ok: true, value: r.data }
}

/**
 * The component kinds one app knows, by name: the ones it was given, the ones met in its layout and
 * in callbacks' outputs. Every name that is not registered and is an HTML tag is an HTML element.
 */
export class ComponentRegistry {
  readonly #specs = new Map<string, ComponentSpec>()
  /** The kinds the app uses (given, or met in a layout or an output): their files go in the page. */
  readonly #used = new Set<string>()

  /**
   * @param specs Kinds the app uses.
   * @param builtin Kinds every app knows (hyperdash's `dcc.*`): their files go in the page only once
   *   the app uses them, so a page without a dropdown does not load the dropdown's module.
   */
  constructor(specs: Iterable<ComponentSpec> = [], builtin: Iterable<ComponentSpec> = []) {
    for (const s of builtin) this.#register(s)
    for (const s of specs) this.add(s)
  }

  /** Registers a kind the app uses; the same definition twice is a no-op, another one under the same name an error. */
  add(spec: ComponentSpec): ComponentSpec {
    this.#register(spec)
    this.#used.add(spec.name)
    return spec
  }

  #register(spec: ComponentSpec): void {
    const had = this.#specs.get(spec.name)
    if (had && had !== spec) {
      throw new ConfigError(
        `Two different components are named '${spec.name}'. Give each defineComponent() its own name.`
      )
    }
    this.#specs.set(spec.name, spec)
  }

  has(name: string): boolean {
    return this.#specs.has(name)
  }

  /** The registered kind `name`, if any. */
  get(name: string): ComponentSpec | undefined {
    return this.#specs.get(name)
  }

  /** The spec of a kind: a registered component, or an HTML element; null for an unknown component. */
  lookup(kind: string): ComponentSpec | null {
    return this.#specs.get(kind) ?? (isTagName(kind) ? htmlElement : null)
  }

  /** {@link lookup} for a request: an unknown component is a 400 that says how to make it known. */
  require(kind: string): ComponentSpec {
    const spec = this.lookup(kind)
    if (spec) return spec
    throw new RequestError(
      `This server does not know the component '${kind.slice(0, 80)}'. A component used only in a layout ` +
        'function or inserted by a callback must be given to the app: createApp({ components: [...] }).'
    )
  }

  /**
   * The scripts of the registered components, by the path they are served at (below the base path):
   * all of them, or (`used`) those of the kinds the app uses, for the page's head.
   */
  scripts(used = false): Map<string, string> {
    return this.#files('scripts', used)
  }

  /** The stylesheets of the registered components, by the path they are served at. */
  styles(used = false): Map<string, string> {
    return this.#files('styles', used)
  }

  #files(kind: 'scripts' | 'styles', used: boolean): Map<string, string> {
    const out = new Map<string, string>()
    const seen = new Set<string>()
    // A file two components share (dcc.Slider's and dcc.RangeSlider's) is loaded once by a page,
    // under the first user's path; every path stays served (a page may use either kind alone).
    for (const s of this.#specs.values()) {
      if (used && !this.#used.has(s.name)) continue
      for (const file of s[kind] ?? [])
        if (!used || !seen.has(file)) (seen.add(file), out.set(componentScriptPath(s.name, file), file))
    }
    return out
  }
}
