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
  signal: AbortSignal
): CallbackContext {
  const nIn = spec.inputs.length
  const inputs: Record<string, unknown> = {}
  const states: Record<string, unknown> = {}
  spec.inputs.forEach((d, i) => (inputs[d.key] = values[i]))
  spec.states.forEach((d, i) => (states[d.key] = values[nIn + i]))
  const isInitialCall = changed.length === 0
  const triggered: Triggered[] = isInitialCall
    ? [{ prop_id: '.', propId: '.', value: null }]
    : changed.map((k) => ({ prop_id: k, propId: k, value: k in inputs ? inputs[k] : null }))
  const triggeredPropIds: Record<string, ComponentId> = {}
  for (const k of changed) triggeredPropIds[k] = splitKey(k).id
  const list = (deps: CallbackSpec['inputs'] | CallbackSpec['states'], offset: number) =>
    deps.map((d, i) => Object.freeze({ id: d.id, property: d.prop, value: values[offset + i] }))
  const outs = spec.outputs.map((d) => ({ id: d.id, property: d.prop }))
  const ctx: CallbackContext = {
    triggered: Object.freeze(triggered),
    triggeredId: isInitialCall ? null : splitKey(changed[0]!).id,
    triggeredPropIds: Object.freeze(triggeredPropIds),
    isInitialCall,
    inputs: Object.freeze(inputs),
    states: Object.freeze(states),
    inputsList: Object.freeze(list(spec.inputs, 0)),
    statesList: Object.freeze(list(spec.states, nIn)),
    outputsList: spec.multi ? outs : (outs[0] ?? []),
    signal,
    callback: spec.name,
    toJSON: () => ({
      triggered: triggered.map((t) => ({ prop_id: t.prop_id, value: t.value })),
      triggered_id: ctx.triggeredId,
      triggered_prop_ids: triggeredPropIds,
      inputs,
      states,
      inputs_list: ctx.inputsList,
      states_list: ctx.statesList,
      outputs_list: ctx.outputsList,
    }),
  }
  return Object.freeze(ctx)
}

const storage = new AsyncLocalStorage<CallbackContext>()

/** Runs `fn` with `context` readable through {@link ctx}. */
export function runWithContext<T>(context: CallbackContext, fn: () => T): T {
  return storage.run(context, fn)
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
    const current = storage.getStore()
    if (!current) {
      throw new Error(
        'ctx was read outside a callback. The callback context only exists while a callback runs; ' +
          'read it inside the callback function, or use the context passed as its last argument.'
      )
    }
    return Reflect.get(current, prop)
  },
})
