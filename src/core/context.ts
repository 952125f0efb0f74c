/**
 * @module context
 * The callback context (R38), as Dash's `ctx`: passed to every callback as its last argument, and
 * readable through the `ctx` export while a callback runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { CallbackSpec } from './callback.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'

/** One triggering prop. `prop_id` is Dash's spelling; `propId` the TypeScript one. */
export interface Triggered {
  readonly prop_id: string
  readonly propId: string
  readonly value: unknown
}

export interface DependencyValue {
  readonly id: ComponentId
  readonly property: string
  readonly value: unknown
}

export interface CallbackContext {
  /**
   * The props that triggered this call, in order (several when changes were merged, R13). On an
   * initial call Dash gives a falsy list holding one placeholder (R10); TypeScript has no falsy
   * arrays, so it holds the same placeholder `{ prop_id: '.', value: null }` (so
   * `triggered[0].prop_id.split('.')` gives `['', '']`) and {@link isInitialCall} is true.
   */
  readonly triggered: readonly Triggered[]
  /** The id of the first triggering component; `null` on an initial call. */
  readonly triggeredId: ComponentId | null
  /** `{ 'btn.n_clicks': 'btn' }`: every triggering prop id, mapped to its component id; `{}` on an initial call. */
  readonly triggeredPropIds: Readonly<Record<string, ComponentId>>
  /** True on an initial call (page load, or components inserted with this callback's outputs). */
  readonly isInitialCall: boolean
  /** `{ 'id.prop': value }` for every Input. */
  readonly inputs: Readonly<Record<string, unknown>>
  /** `{ 'id.prop': value }` for every State. */
  readonly states: Readonly<Record<string, unknown>>
  readonly inputsList: readonly DependencyValue[]
  readonly statesList: readonly DependencyValue[]
  /** `{ id, property }` for a single output; a list for a multi-output callback. */
  readonly outputsList: { id: ComponentId; property: string } | { id: ComponentId; property: string }[]
  /** Aborted when the client goes away or the callback times out: pass it to `fetch` and friends. */
  readonly signal: AbortSignal
  /** The callback's name. */
  readonly callback: string
  /** Dash's JSON form (`triggered`, `inputs`, `states`, … with Dash's snake_case keys). */
  toJSON(): Record<string, unknown>
}

export function createContext(
  spec: CallbackSpec,
  changed: readonly PropKey[],
  values: readonly unknown[],
  signal: AbortSignal | (() => AbortSignal)
): CallbackContext {
  return new LazyContext(spec, changed, values, signal)
}

/**
 * The context, each field built when first read: most callbacks never read theirs, and building
 * every list and frozen record up front cost more than the engine's own bookkeeping per callback.
 */
class LazyContext implements CallbackContext {
  readonly #spec: CallbackSpec
  readonly #changed: readonly PropKey[]
  readonly #values: readonly unknown[]
  readonly #signal: AbortSignal | (() => AbortSignal)
  #inputs?: Readonly<Record<string, unknown>>
  #states?: Readonly<Record<string, unknown>>
  #triggered?: readonly Triggered[]
  #triggeredPropIds?: Readonly<Record<string, ComponentId>>
  #inputsList?: readonly DependencyValue[]
  #statesList?: readonly DependencyValue[]
  #outputsList?: CallbackContext['outputsList']

  constructor(
    spec: CallbackSpec,
    changed: readonly PropKey[],
    values: readonly unknown[],
    signal: AbortSignal | (() => AbortSignal)
  ) {
    this.#spec = spec
    this.#changed = changed
    this.#values = values
    this.#signal = signal
    Object.freeze(this)
  }

  get isInitialCall() {
    return this.#changed.length === 0
  }
  get callback() {
    return this.#spec.name
  }
  get signal() {
    return typeof this.#signal === 'function' ? this.#signal() : this.#signal
  }
  get inputs() {
    return (this.#inputs ??= this.#record(this.#spec.inputs, 0))
  }
  get states() {
    return (this.#states ??= this.#record(this.#spec.states, this.#spec.inputs.length))
  }
  get triggered() {
    const inputs = this.inputs
    return (this.#triggered ??= Object.freeze(
      this.isInitialCall
        ? [{ prop_id: '.', propId: '.', value: null }]
        : this.#changed.map((k) => ({ prop_id: k, propId: k, value: k in inputs ? inputs[k] : null }))
    ))
  }
  get triggeredId() {
    return this.isInitialCall ? null : splitKey(this.#changed[0]!).id
  }
  get triggeredPropIds() {
    if (!this.#triggeredPropIds) {
      const ids: Record<string, ComponentId> = {}
      for (const k of this.#changed) ids[k] = splitKey(k).id
      this.#triggeredPropIds = Object.freeze(ids)
    }
    return this.#triggeredPropIds
  }
  get inputsList() {
    return (this.#inputsList ??= this.#list(this.#spec.inputs, 0))
  }
  get statesList() {
    return (this.#statesList ??= this.#list(this.#spec.states, this.#spec.inputs.length))
  }
  get outputsList() {
    if (!this.#outputsList) {
      const outs = this.#spec.outputs.map((d) => ({ id: d.id, property: d.prop }))
      this.#outputsList = this.#spec.multi ? outs : (outs[0] ?? [])
    }
    return this.#outputsList
  }
  toJSON(): Record<string, unknown> {
    return {
      triggered: this.triggered.map((t) => ({ prop_id: t.prop_id, value: t.value })),
      triggered_id: this.triggeredId,
      triggered_prop_ids: this.triggeredPropIds,
      inputs: this.inputs,
      states: this.states,
      inputs_list: this.inputsList,
      states_list: this.statesList,
      outputs_list: this.outputsList,
    }
  }

  #record(deps: CallbackSpec['inputs'] | CallbackSpec['states'], offset: number) {
    const out: Record<string, unknown> = {}
    deps.forEach((d, i) => (out[d.key] = this.#values[offset + i]))
    return Object.freeze(out)
  }
  #list(deps: CallbackSpec['inputs'] | CallbackSpec['states'], offset: number) {
    return Object.freeze(
      deps.map((d, i) => Object.freeze({ id: d.id, property: d.prop, value: this.#values[offset + i] }))
    )
  }
}

const storage = new AsyncLocalStorage<CallbackContext>()

/** The context of the synchronous callback running now (no AsyncLocalStorage frame needed). */
let current: CallbackContext | undefined

/** Callbacks seen to return a value, not a promise: they run without an AsyncLocalStorage frame. */
const synchronous = new WeakSet<object>()

/**
 * Runs `fn` with `context` readable through {@link ctx}. A callback (`owner`) that returned a value
 * the last time runs in a plain variable's scope; one that returns a promise runs in an
 * AsyncLocalStorage frame, so that `ctx` still answers after an `await` (a callback that returns a
 * promise only sometimes gets the frame from its next call on; reading `ctx` before the first
 * `await`, or the context argument, always works).
 */
export function runWithContext<T>(context: CallbackContext, fn: () => T, owner?: object): T {
  if (owner && synchronous.has(owner)) {
    const before = current
    current = context
    let out: T
    try {
      out = fn()
    } finally {
      current = before
    }
    if (out instanceof Promise) synchronous.delete(owner)
    return out
  }
  const out = storage.run(context, fn)
  if (owner && !(out instanceof Promise)) synchronous.add(owner)
  return out
}

/**
 * The context of the callback running now, as Dash's `dash.ctx`. Reading it outside a callback throws.
 * @example
 * import { ctx } from 'hyperdash'
 * app.callback(Output('out', 'children'), [Input('a', 'n_clicks'), Input('b', 'n_clicks')], () =>
 *   `last clicked: ${ctx.triggeredId ?? 'nothing yet'}`)
 */
export const ctx: CallbackContext = new Proxy({} as CallbackContext, {
  get(_, prop) {
    const now = current ?? storage.getStore()
    if (!now) {
      throw new Error(
        'ctx was read outside a callback. The callback context only exists while a callback runs; ' +
          'read it inside the callback function, or use the context passed as its last argument.'
      )
    }
    return Reflect.get(now, prop)
  },
})
