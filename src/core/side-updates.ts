/**
 * @module side-updates
 * `setProps(id, props)` (Dash's `set_props`, R34): a callback updates any component's props as a side
 * effect. The calls of one callback run are collected here (repeated calls for one id merge) and
 * applied by the wave before its outputs, even when every output is `noUpdate`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { assertValidId, assertValidProp, propKey, type ComponentId, type PropKey } from './ids.ts'
import { ConfigError } from './errors.ts'

/** The side updates of one callback run, by prop key, in call order. */
export type SideUpdates = Map<PropKey, unknown>

const storage = new AsyncLocalStorage<SideUpdates>()

/** Runs `fn` collecting the `setProps` calls it makes (also after its awaits) into `into`. */
export function collectSideUpdates<T>(into: SideUpdates, fn: () => T): T {
  return storage.run(into, fn)
}

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
  const into = storage.getStore()
  if (!into) {
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
  for (const [prop, value] of Object.entries(props)) {
    const key = propKey(id, prop)
    into.delete(key) // the latest call's value, in the latest call's order
    into.set(key, value === undefined ? null : value)
  }
}
