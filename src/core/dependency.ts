/**
 * @module dependency
 * `Output`, `Input` and `State`: a dependency is plain, frozen data `{ kind, id, prop, key }` (R1).
 * The type parameter `T` is the value type of the prop; it flows into the callback's signature.
 */
import { assertValidId, assertValidProp, propKey, type ComponentId, type PropKey } from './ids.ts'

export type DependencyKind = 'output' | 'input' | 'state'

/** A typed reference to a component, made by `ref()`: lets `Input(ref, 'value')` know the prop's type. */
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
  /** Phantom: the prop's value type. Never set at run time. */
  readonly __type?: T
}

export type OutputDep<T = unknown> = Dependency<'output', T>
export type InputDep<T = unknown> = Dependency<'input', T>
export type StateDep<T = unknown> = Dependency<'state', T>

type PropName<R> = R extends ComponentRef<infer P> ? Extract<keyof P, string> : string
type ValueOf<R, K extends string> = R extends ComponentRef<infer P>
  ? K extends keyof P
    ? P[K]
    : never
  : unknown

/**
 * Makes a typed reference to a component id, so that dependencies built from it know prop types.
 * @example
 * const num = ref<InputProps>('num')
 * Input(num, 'value') // InputDep<string | number | null>
 */
export function ref<P = Record<string, unknown>>(id: ComponentId): ComponentRef<P> {
  assertValidId(id, 'ref()')
  return Object.freeze({ id })
}

function make<K extends DependencyKind>(kind: K, id: ComponentId | ComponentRef, prop: string) {
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
export function Output<R extends ComponentId | ComponentRef, P extends PropName<R>>(
  id: R,
  prop: P
): OutputDep<ValueOf<R, P>> {
  return make('output', id, prop) as OutputDep<ValueOf<R, P>>
}

/** A prop whose change runs the callback; its value is passed to the callback. */
export function Input<R extends ComponentId | ComponentRef, P extends PropName<R>>(
  id: R,
  prop: P
): InputDep<ValueOf<R, P>> {
  return make('input', id, prop) as InputDep<ValueOf<R, P>>
}

/** A prop whose value is passed to the callback, but whose change does not run it (R12). */
export function State<R extends ComponentId | ComponentRef, P extends PropName<R>>(
  id: R,
  prop: P
): StateDep<ValueOf<R, P>> {
  return make('state', id, prop) as StateDep<ValueOf<R, P>>
}

export function isDependency(v: unknown): v is Dependency {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Dependency).key === 'string' &&
    ['output', 'input', 'state'].includes((v as Dependency).kind)
  )
}
