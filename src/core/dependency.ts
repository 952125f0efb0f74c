/**
 * @module dependency
 * `Output`, `Input` and `State`: a dependency is plain, frozen data `{ kind, id, prop, key }` (R1).
 * The type parameter `T` is the value type of the prop; it flows into the callback's signature.
 */
import { assertValidId, assertValidProp, propKey, type ComponentId, type PropKey } from './ids.ts'

export type DependencyKind = 'output' | 'input' | 'state'

/**
 * A typed reference to a component, made by `ref()`: lets `Input(ref, 'value')` know the prop's type.
 * `P` is the component's props; the default (any prop, unknown values) is what a plain string id gives.
 */
export interface ComponentRef<P = Record<string, unknown>> {
  readonly id: ComponentId
  /** Phantom: the component's props. Never read at run time. */
  readonly __props?: P
}

export interface Dependency<K extends DependencyKind = DependencyKind, T = unknown> {
  readonly kind: K
  readonly id: ComponentId
  readonly prop: string
  readonly key: PropKey
  /** An Output other callbacks may write too (Dash's `allow_duplicate`). */
  readonly allowDuplicate?: boolean
  /** Phantom: the prop's value type (`unknown` when untyped). Never set at run time. */
  readonly __type?: T
}

export type OutputDep<T = unknown> = Dependency<'output', T>
export type InputDep<T = unknown> = Dependency<'input', T>
export type StateDep<T = unknown> = Dependency<'state', T>

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
export type ComponentLike = ComponentId | ComponentRef<object>

/** The prop names a component reference allows: any string for a plain id. */
export type PropName<R> = R extends ComponentRef<infer P> ? Extract<keyof P, string> : string

/**
 * The type of prop `K` of `R` without `null` and `undefined` (callbacks add `null` back: an unset prop
 * reads as `null`, R9); `unknown` for a plain id or an untyped prop.
 */
export type PropValue<R, K extends string> =
  R extends ComponentRef<infer P>
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
export function ref(tag: string, id: ComponentId): ComponentRef<ElementProps>
export function ref<P extends object = Record<string, unknown>>(id: ComponentId): ComponentRef<P>
export function ref(...args: [unknown] | [unknown, unknown]): ComponentRef<object> {
  const id = args.length > 1 ? args[1] : args[0]
  assertValidId(id, 'ref()')
  return Object.freeze({ id })
}

function make<K extends DependencyKind>(kind: K, id: ComponentLike, prop: string) {
  const name = kind[0]!.toUpperCase() + kind.slice(1)
  const raw = typeof id === 'object' && id !== null ? id.id : id
  assertValidId(raw, `${name}(${JSON.stringify(raw)}, ${JSON.stringify(prop)})`)
  assertValidProp(prop, `${name}(${JSON.stringify(raw)}, ${JSON.stringify(prop)})`)
  return Object.freeze({ kind, id: raw, prop, key: propKey(raw, prop) })
}

/**
 * A prop a callback writes.
 * @example app.callback(Output('out', 'children'), [Input('in', 'value')], (v) => v)
 */
export function Output<R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P,
  options?: OutputOptions
): OutputDep<PropValue<R, P>> {
  const dep = make('output', id, prop)
  if (!options?.allowDuplicate) return dep as OutputDep<PropValue<R, P>>
  return Object.freeze({ ...dep, allowDuplicate: true }) as OutputDep<PropValue<R, P>>
}

export interface OutputOptions {
  /**
   * Let other callbacks write this prop too (Dash's `allow_duplicate=True`). When several of them
   * answer in one request, the one that finishes last wins. Usually with `preventInitialCall`.
   */
  allowDuplicate?: boolean
}

/** A prop whose change runs the callback; its value is passed to the callback. */
export function Input<R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P
): InputDep<PropValue<R, P>> {
  return make('input', id, prop) as InputDep<PropValue<R, P>>
}

/** A prop whose value is passed to the callback, but whose change does not run it (R12). */
export function State<R extends ComponentLike, P extends PropName<R>>(
  id: R,
  prop: P
): StateDep<PropValue<R, P>> {
  return make('state', id, prop) as StateDep<PropValue<R, P>>
}

export function isDependency(v: unknown): v is Dependency {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Dependency).key === 'string' &&
    ['output', 'input', 'state'].includes((v as Dependency).kind)
  )
}
