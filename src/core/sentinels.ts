/**
 * @module sentinels
 * `noUpdate` and `PreventUpdate`: the two ways a callback says "change nothing" (R27, R28).
 */

const NO_UPDATE = Symbol.for('hyperdash.noUpdate')

/**
 * Return it (whole, or in the position of one output) to leave that output as it is. An output left
 * alone triggers nothing downstream (R28).
 * @example
 * app.callback([Output('a', 'children'), Output('b', 'children')], [Input('n', 'value')],
 *   (n) => (n == null ? noUpdate : [noUpdate, `${n} is odd`]))
 */
export const noUpdate: NoUpdate = Object.freeze({ [NO_UPDATE]: true }) as NoUpdate
export type NoUpdate = { readonly [NO_UPDATE]: true }

/** True for {@link noUpdate}, for copies of it and for Dash's serialised form. */
export function isNoUpdate(v: unknown): v is NoUpdate {
  if (v === noUpdate) return true
  if (typeof v !== 'object' || v === null) return false
  return NO_UPDATE in v || (v as Record<string, unknown>)['_dash_no_update'] === '_dash_no_update'
}

/**
 * Throw it from a callback to cancel the whole call: no output changes, nothing downstream runs (R27).
 * @example
 * app.callback(Output('out', 'children'), [Input('btn', 'n_clicks')], (n) => {
 *   if (!n) throw new PreventUpdate()
 *   return `clicked ${n} times`
 * })
 */
export class PreventUpdate extends Error {
  override name = 'PreventUpdate'
  constructor() {
    super('PreventUpdate: the callback chose not to update its outputs')
  }
}
