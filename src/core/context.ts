/**
 * @module context
 * The callback context (R38), as Dash's `ctx`: passed to every callback as its last argument, and
 * readable through the `ctx` export while a callback runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Dependency } from './dependency.ts'
import { mapGrouping, type Grouping, type IndexGrouping } from './grouping.ts'
import { propKey, splitKey, type ComponentId, type PropKey } from './ids.ts'
import { idForUser, type DictId } from './wildcards.ts'

/** An id as a callback sees it: a string id, or a dict id as an object (R38). */
export type UserId = ComponentId | DictId

/** The ids each dependency named when the call started (pattern-matching callbacks only). */
export interface ResolvedIds {
  /** Per Input then State: the ids it named (ALL/ALLSMALLER: every item, document order). */
  readonly reads: readonly (readonly ComponentId[])[]
  /** Per Output: the ids it named. */
  readonly outputs: readonly (readonly ComponentId[])[]
}

/** One leaf of `ctx.argsGrouping` (Dash 2.4+). */
export interface GroupingLeaf {
  readonly id: UserId
  readonly property: string
  readonly value: unknown
  /** The id's string form (Dash's `str_id`). */
  readonly str_id: string
  readonly strId: string
  readonly triggered: boolean
}

/** `{ id, property }` of one Output. */
export interface OutputRef {
  readonly id: UserId
  readonly property: string
}

/** One triggering prop. `prop_id` is Dash's spelling; `propId` the TypeScript one. */
export interface Triggered {
  readonly prop_id: string
  readonly propId: string
  readonly value: unknown
}

export interface DependencyValue {
  readonly id: UserId
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
  /** The id of the first triggering component (a dict id as an object); `null` on an initial call. */
  readonly triggeredId: UserId | null
  /** `{ 'btn.n_clicks': 'btn' }`: every triggering prop id, mapped to its component id; `{}` on an initial call. */
  readonly triggeredPropIds: Readonly<Record<string, UserId>>
  /** True on an initial call (page load, or components inserted with this callback's outputs). */
  readonly isInitialCall: boolean
  /** `{ 'id.prop': value }` for every Input (each item of an ALL/ALLSMALLER Input its own key). */
  readonly inputs: Readonly<Record<string, unknown>>
  /** `{ 'id.prop': value }` for every State. */
  readonly states: Readonly<Record<string, unknown>>
  /** One entry per Input: `{ id, property, value }`, or a list of them for ALL/ALLSMALLER. */
  readonly inputsList: readonly (DependencyValue | readonly DependencyValue[])[]
  readonly statesList: readonly (DependencyValue | readonly DependencyValue[])[]
  /**
   * `{ id, property }` for a single output (a list of them for an ALL output); a list of those for a
   * multi-output callback.
   */
  readonly outputsList: OutputRef | readonly (OutputRef | readonly OutputRef[])[]
  /**
   * The Inputs and States in the shape they were declared (Dash's `args_grouping`): an object for
   * named arguments, else the list of arguments; each leaf `{ id, property, value, str_id, triggered }`
   * (a list of leaves for ALL/ALLSMALLER).
   */
  readonly argsGrouping: Grouping<GroupingLeaf | readonly GroupingLeaf[]>
  /** The Outputs in the shape they were declared, each leaf `{ id, property }`. */
  readonly outputsGrouping: Grouping<OutputRef | readonly OutputRef[]>
  /** True when the Inputs/States were not plain lists (Dash's `using_args_grouping`). */
  readonly usingArgsGrouping: boolean
  /** True when the Outputs were an object or nested lists. */
  readonly usingOutputsGrouping: boolean
  /** Aborted when the client goes away or the callback times out: pass it to `fetch` and friends. */
  readonly signal: AbortSignal
  /**
   * Sets the `progress` outputs of a background callback now (Dash's `set_progress`): one value for
   * one output, a list for several. The page shows each update as it happens. Throws elsewhere.
   * @example
   * app.callback(Output('result', 'children'), [Input('run', 'n_clicks')], async (n, ctx) => {
   *   for (let k = 1; k <= 5; k++) (await step(), ctx.setProgress(k))
   *   return 'done'
   * }, { background: true, progress: Output('progress', 'value') })
   */
  setProgress(value: unknown): void
  /** The callback's name. */
  readonly callback: string
  /** Dash's JSON form (`triggered`, `inputs`, `states`, … with Dash's snake_case keys). */
  toJSON(): Record<string, unknown>
}

/**
 * What the context reads of a callback's spec (callback.ts's `CallbackSpec`; not imported from there,
 * since callback.ts names this module's `CallbackContext` in its options).
 */
interface CallbackSpec {
  readonly name: string
  readonly multi: boolean
  readonly outputs: readonly Dependency<'output'>[]
  readonly inputs: readonly Dependency<'input'>[]
  readonly states: readonly Dependency<'state'>[]
  readonly outputsShape: IndexGrouping
  readonly argsShape: IndexGrouping
  readonly usingArgsGrouping: boolean
  readonly usingOutputsGrouping: boolean
}

export function createContext(
  spec: CallbackSpec,
  changed: readonly PropKey[],
  values: readonly unknown[],
  signal: AbortSignal | (() => AbortSignal),
  resolved?: ResolvedIds
): CallbackContext {
  return new LazyContext(spec, changed, values, signal, resolved)
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
  readonly #resolved: ResolvedIds | undefined
  #inputs?: Readonly<Record<string, unknown>>
  #states?: Readonly<Record<string, unknown>>
  #triggered?: readonly Triggered[]
  #triggeredPropIds?: Readonly<Record<string, UserId>>
  #inputsList?: CallbackContext['inputsList']
  #statesList?: CallbackContext['statesList']
  #outputsList?: CallbackContext['outputsList']

  constructor(
    spec: CallbackSpec,
    changed: readonly PropKey[],
    values: readonly unknown[],
    signal: AbortSignal | (() => AbortSignal),
    resolved?: ResolvedIds
  ) {
    this.#spec = spec
    this.#changed = changed
    this.#values = values
    this.#signal = signal
    this.#resolved = resolved
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
  setProgress(): void {
    throw new TypeError(
      `ctx.setProgress() was called in ${this.#spec.name}, which is not a background callback with ` +
        '`progress`: register it with { background: true, progress: Output(id, prop) }.'
    )
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
    return this.isInitialCall ? null : idForUser(splitKey(this.#changed[0]!).id)
  }
  get triggeredPropIds() {
    if (!this.#triggeredPropIds) {
      const ids: Record<string, UserId> = {}
      for (const k of this.#changed) ids[k] = idForUser(splitKey(k).id)
      this.#triggeredPropIds = Object.freeze(ids)
    }
    return this.#triggeredPropIds
  }
  get usingArgsGrouping() {
    return this.#spec.usingArgsGrouping
  }
  get usingOutputsGrouping() {
    return this.#spec.usingOutputsGrouping
  }
  get argsGrouping() {
    const deps = [...this.#spec.inputs, ...this.#spec.states]
    const changed = new Set(this.#changed)
    const leaf = (d: Dependency, id: ComponentId, value: unknown): GroupingLeaf =>
      Object.freeze({
        id: idForUser(id),
        property: d.prop,
        value,
        str_id: id,
        strId: id,
        triggered: changed.has(propKey(id, d.prop)),
      })
    return mapGrouping(this.#spec.argsShape, (n) => {
      const d = deps[n]!
      return this.#entries(d, n, (id, value) => leaf(d, id, value))
    })
  }
  get outputsGrouping() {
    return mapGrouping(this.#spec.outputsShape, (n) => this.#outputRef(n))
  }
  get inputsList() {
    return (this.#inputsList ??= this.#list(this.#spec.inputs, 0))
  }
  get statesList() {
    return (this.#statesList ??= this.#list(this.#spec.states, this.#spec.inputs.length))
  }
  get outputsList() {
    if (!this.#outputsList) {
      const outs = this.#spec.outputs.map((_, n) => this.#outputRef(n))
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

  #record(deps: readonly Dependency[], offset: number) {
    const out: Record<string, unknown> = {}
    deps.forEach((d, i) => {
      const ids = this.#resolved?.reads[offset + i]
      if (!d.pattern || !ids) return void (out[d.key] = this.#values[offset + i])
      const v = this.#values[offset + i]
      ids.forEach((id, j) => (out[propKey(id, d.prop)] = d.multi ? (v as unknown[])[j] : v))
    })
    return Object.freeze(out)
  }
  #list(deps: readonly Dependency[], offset: number) {
    return Object.freeze(
      deps.map((d, i) =>
        this.#entries(d, offset + i, (id, value) =>
          Object.freeze({ id: idForUser(id), property: d.prop, value })
        )
      )
    )
  }
  /** One entry per id dependency `n` named (a list for ALL/ALLSMALLER), built by `make`. */
  #entries<T>(d: Dependency, n: number, make: (id: ComponentId, value: unknown) => T): T | readonly T[] {
    const v = this.#values[n]
    const ids = this.#resolved?.reads[n]
    if (!d.pattern || !ids) return make(d.id, v)
    if (d.multi) return Object.freeze(ids.map((id, j) => make(id, (v as unknown[])[j])))
    return make(ids[0] ?? d.id, v)
  }
  #outputRef(n: number): OutputRef | readonly OutputRef[] {
    const d = this.#spec.outputs[n]!
    const ids = this.#resolved?.outputs[n]
    if (!d.pattern || !ids) return Object.freeze({ id: d.id, property: d.prop })
    const ref = (id: ComponentId) => Object.freeze({ id: idForUser(id), property: d.prop })
    return d.multi ? Object.freeze(ids.map(ref)) : ref(ids[0] ?? d.id)
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
