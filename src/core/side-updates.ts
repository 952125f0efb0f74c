/**
 * @module side-updates
 * `setProps(id, props)` (Dash's `set_props`, R34): a callback updates any component's props as a side
 * effect. The calls of one callback run are collected here (repeated calls for one id merge) and
 * applied by the wave before its outputs, even when every output is `noUpdate`.
 *
 * The same per-call scope lets a long call report updates while it runs (a background callback's
 * progress, run.ts `interim`) and, in a job worker, sends `setProps` calls on as they happen.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { assertValidId, assertValidProp, propKey, type ComponentId, type PropKey } from './ids.ts'
import { ConfigError } from './errors.ts'

/** The side updates of one callback run, by prop key, in call order. */
export type SideUpdates = Map<PropKey, unknown>

/** What a call may report while it runs, before it settles (applied and sent at once). */
export interface InterimUpdate {
  /** Props to set now (a background job's progress or `setProps`). */
  readonly side?: SideUpdates
  /** A job this call started or attached to: the page keeps its token to cancel or re-attach. */
  readonly job?: string
}

/** The scope of one callback run. */
export interface CallScope {
  /** `setProps` calls, applied before the outputs. */
  readonly side: SideUpdates
  /** The call's identity (run.ts `call`): a callback's index, with its MATCH values. */
  readonly call?: string
  /** Reports updates now, while the call runs; absent where the caller cannot apply them. */
  readonly interim?: (update: InterimUpdate) => void
  /** In a job worker: each `setProps` call is sent on at once instead of collected. */
  readonly immediate?: (id: ComponentId, props: Record<string, unknown>) => void
  /** Request data the call may need, by name (the job tokens the page holds: jobs/background.ts). */
  readonly extras?: Readonly<Record<string, unknown>>
  /** Set by the call: the job token its result ends (the page forgets it). */
  job?: string
}

const storage = new AsyncLocalStorage<CallScope>()

/** Runs `fn` collecting the `setProps` calls it makes (also after its awaits) into `into`. */
export function collectSideUpdates<T>(into: SideUpdates | CallScope, fn: () => T): T {
  return storage.run(into instanceof Map ? { side: into } : into, fn)
}

/** The scope of the callback run in progress, or undefined outside one. */
export const currentCall = (): CallScope | undefined => storage.getStore()

/**
 * Sets props of any component on the page, from inside a callback (or its `onError`): applied before
 * the callback's outputs, even when they are all `noUpdate`, and callbacks that take those props as
 * Input run in the same request. A value may be a `Patch`. Several calls for one id merge.
 * @example
 * app.callback([], [Input('save', 'n_clicks')], () => {
 *   setProps('toast', { children: 'Saved', hidden: false })
 * })
 */
export function setProps(id: ComponentId, props: Record<string, unknown>): void {
  const scope = storage.getStore()
  if (!scope) {
    throw new Error(
      'setProps() was called outside a callback. It updates components as a side effect of a callback ' +
        'run: call it inside the callback function (or its onError).'
    )
  }
  try {
    assertValidId(id, `setProps(${JSON.stringify(id)}, …)`)
    if (typeof props !== 'object' || props === null || Array.isArray(props))
      throw new ConfigError(
        `setProps('${id}', …): the props must be an object such as { children: 'Saved' }.`
      )
    for (const prop of Object.keys(props)) assertValidProp(prop, `setProps('${id}', …)`)
  } catch (err) {
    // A mistake in the callback's code, reported like any error it throws (not a boot error).
    throw err instanceof ConfigError ? new TypeError(err.message) : err
  }
  if (scope.immediate) return scope.immediate(id, props)
  const into = scope.side
  for (const [prop, value] of Object.entries(props)) {
    const key = propKey(id, prop)
    into.delete(key) // the latest call's value, in the latest call's order
    into.set(key, value === undefined ? null : value)
  }
}
