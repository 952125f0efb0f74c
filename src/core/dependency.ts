/**
 * @module dependency
 * `Output`, `Input` and `State`: a dependency is plain, frozen data `{ kind, id, prop, key }` (R1).
 * The type parameter `T` is the value type of the prop; it flows into the callback's signature.
 */
import { assertValidProp, idString, propKey, type ComponentId, type PropKey } from './ids.ts'
import {
  ALL,
  ALLSMALLER,
  isDictId,
  isMultiPattern,
  MATCH,
  parseDictId,
  shapeOf,
  stringifyId,
  type IdPattern,
  type Wildcard,
} from './wildcards.ts'

export type DependencyKind = 'output' | 'input' | 'state'

/**
 * A typed reference to a component, made by `ref()`: lets `Input(ref, 'value')` know the prop's type.
 * `P` is the component's props; the default (any prop, unknown values) is what a plain string id gives.
 */
export interface ComponentRef<P = Record<string, unknown>, I extends ComponentId | IdPattern = ComponentId> {
  readonly id: I
  /** Phantom: the component's props. Never read at run time. */
  readonly __props?: P
}

export interface Dependency<
  K extends DependencyKind = DependencyKind,
  T = unknown,
  M extends boolean = boolean,
> {
  readonly kind: K
  /** The id's string form: a dict id (wildcards included) is Dash's sorted JSON. */
  readonly id: ComponentId
  readonly prop: string
  /** `id.prop`; for a pattern, its string form with wildcards as `["ALL"]` (R3). */
  readonly key: PropKey
  /** An Output other callbacks may write too (Dash's `allow_duplicate`). */
  readonly allowDuplicate?: boolean
  /** A dict id (pattern) only: the id as given, wildcards included. */
  readonly pattern?: IdPattern
  /** A dict id only: its sorted keys (ids match patterns with exactly these keys, R41). */
  readonly shape?: string
  /** True for ALL/ALLSMALLER: the callback gets (or returns) a list (R40). Absent otherwise. */
  readonly multi?: true
  /** Phantom: the prop's value type (`unknown` when untyped). Never set at run time. */
  readonly __type?: T
  /** Phantom: true when the value is a list (ALL/ALLSMALLER). Never set at run time. */
  readonly __multi?: M
}

export type OutputDep<T = unknown, M extends boolean = false> = Dependency<'output', T, M>
export type InputDep<T = unknown, M extends boolean = false> = Dependency<'input', T, M>
export type StateDep<T = unknown, M extends boolean = false> = Dependency<'state', T, M>

/**
 * The props every plain HTML element (Dash's `html.*`) has for callbacks: what `ref('button', 'btn')`
 * knows. Extend it for other attributes: `ref<ElementProps & { href: string }>('link')`.
 */
export interface ElementProps {
  /** Text, JSX, or a list of them. Checked when the callback returns (R31), not by the compiler. */
  children: unknown
  className: string
  /** `{ color: 'red' }` (as in the layout) or a CSS string. */
  style: Record<string, string | number> | string
  hidden: boolean
  disabled: boolean
  title: string
  /** Clicks counted by the browser; `null` until the first click (R9). */
  n_clicks: number
  /** Milliseconds since the epoch of the last click. */
  n_clicks_timestamp: number
  [attribute: `data-${string}`]: string
  [attribute: `aria-${string}`]: string
}

/** The props of a component function (`dcc.Input`), without the live attributes the renderer passes. */
export type ComponentProps<C> = C extends (props: infer P) => unknown ? Omit<P, 'hd'> : never

/** Anything `Input`, `Output` and `State` accept as the component: a string id (untyped) or a ref. */
// `object` (not `Record<string, unknown>`): props interfaces have no index signature.
export type ComponentLike = ComponentId | IdPattern | ComponentRef<object, ComponentId | IdPattern>

/** The id of a component-like: a ref's id, or the id itself. */
type IdOf<R> = R extends ComponentRef<object, infer I> ? I : R

/** True when the id holds ALL or ALLSMALLER: the dependency's value is a list. */
export type IsMulti<R> =
  IdOf<R> extends IdPattern
    ? [Extract<IdOf<R>[keyof IdOf<R>], Wildcard<'ALL'> | Wildcard<'ALLSMALLER'>>] extends [never]
      ? false
      : true
    : false

/** The prop names a component reference allows: any string for a plain id. */
export type PropName<R> =
  R extends ComponentRef<infer P, ComponentId | IdPattern> ? Extract<keyof P, string> : string

/**
 * The type of prop `K` of `R` without `null` and `undefined` (callbacks add `null` back: an unset prop
 * reads as `null`, R9); `unknown` for a plain id or an untyped prop.
 */
export type PropValue<R, K extends string> =
  R extends ComponentRef<infer P, ComponentId | IdPattern>
    ? K extends keyof P
      ? unknown extends P[K]
        ? unknown
        : NonNullable<P[K]>
      : never
    : unknown

/**
 * Makes a reference to a component id that knows the component's props, so that the dependencies
 * built from it know each prop's type and the compiler checks the callback that uses them.
 * - `ref(dcc.Input, 'num')`: the props of a component function.
 * - `ref('button', 'btn')`: an HTML element ({@link ElementProps}); the tag is documentation.
 * - `ref<MyProps>('x')`: props given by hand.
 * Use `num.id` as the component's `id` in the layout.
 * @example
 * const num = ref(dcc.Input, 'num')
 * const out = ref('div', 'out')
 * app.callback(Output(out, 'children'), [Input(num, 'value')], (v) => `got ${v}`) // v: string | number | null
 */
export function ref<C extends (props: never) => unknown>(
  component: C,
  id: ComponentId
): ComponentRef<ComponentProps<C>>
export function ref<C extends (props: never) => unknown, const I extends IdPattern>(
  component: C,
  id: I
): ComponentRef<ComponentProps<C>, I>
export function ref(tag: string, id: ComponentId): ComponentRef<ElementProps>
export function ref<const I extends IdPattern>(tag: string, id: I): ComponentRef<ElementProps, I>
export function ref<P extends object = Record<string, unknown>>(id: ComponentId): ComponentRef<P>
export function ref(...args: [unknown] | [unknown, unknown]): ComponentRef<object, ComponentId | IdPattern> {
  const id = args.length > 1 ? args[1] : args[0]
  idString(id, 'ref()', WILDCARDS.input)
  const made = Object.freeze({ id: isDictId(id) ? Object.freeze({ ...id }) : (id as ComponentId) })
  REFS.add(made)
  return made
}

/** The refs `ref()` made: a dict id with one key `id` (`{ id: ALL }`) is an id, not a ref. */
const REFS = new WeakSet<object>()

/** The wildcards each kind of dependency may hold (R40): ALLSMALLER in Inputs and States only. */
const WILDCARDS: Record<DependencyKind, readonly Wildcard[]> = {
  output: [ALL, MATCH],
  input: [ALL, MATCH, ALLSMALLER],
  state: [ALL, MATCH, ALLSMALLER],
}

const isRef = (v: unknown): v is ComponentRef<object, ComponentId | IdPattern> =>
  typeof v === 'object' && v !== null && REFS.has(v)

function make<K extends DependencyKind>(kind: K, given: ComponentLike, prop: string): Dependency<K> {
  const name = kind[0]!.toUpperCase() + kind.slice(1)
  const raw: unknown = isRef(given) ? given.id : given
  const shown = isDictId(raw) ? stringifyId(raw) : JSON.stringify(raw)
  const where = `${name}(${shown}, ${JSON.stringify(prop)})`
  const id = idString(raw, where, WILDCARDS[kind])
  assertValidProp(prop, where)
  const dep: Record<string, unknown> = { kind, id, prop, key: propKey(id, prop) }
  if (isDictId(raw)) {
    dep['pattern'] = parseDictId(id)!
    dep['shape'] = shapeOf(raw)
    if (isMultiPattern(raw)) dep['multi'] = true
  }
  return Object.freeze(dep) as unknown as Dependency<K>
}

/** The value type a callback sees for a dependency: the prop's type, or a list of it for ALL/ALLSMALLER. */
type Dep<K extends DependencyKind, R, P extends string> = Dependency<K, PropValue<R, P>, IsMulti<R>>

/**
 * A prop a callback writes.
 * @example app.callback(Output('out', 'children'), [Input('in', 'value')], (v) => v)
 */
export function Output<const R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P,
  options?: OutputOptions
): Dep<'output', R, P> {
  const dep = make('output', id, prop)
  if (!options?.allowDuplicate) return dep as Dep<'output', R, P>
  return Object.freeze({ ...dep, allowDuplicate: true }) as Dep<'output', R, P>
}

export interface OutputOptions {
  /**
   * Let other callbacks write this prop too (Dash's `allow_duplicate=True`). When several of them
   * answer in one request, the one that finishes last wins. Usually with `preventInitialCall`.
   */
  allowDuplicate?: boolean
}

/** A prop whose change runs the callback; its value is passed to the callback. */
export function Input<const R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P
): Dep<'input', R, P> {
  return make('input', id, prop) as Dep<'input', R, P>
}

/** A prop whose value is passed to the callback, but whose change does not run it (R12). */
export function State<const R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P
): Dep<'state', R, P> {
  return make('state', id, prop) as Dep<'state', R, P>
}

export function isDependency(v: unknown): v is Dependency {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Dependency).key === 'string' &&
    ['output', 'input', 'state'].includes((v as Dependency).kind)
  )
}
