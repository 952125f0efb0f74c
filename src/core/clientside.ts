/**
 * @module clientside
 * Client-side callbacks (Dash's `clientside_callback`, R45): functions exported by an ES module that
 * the page imports, run in the browser with the same Inputs, States and Outputs as any callback.
 * The server keeps them in the graph (validation, ordering, which props travel) but never runs them:
 * a wave hands each one it reaches to the page (`WaveOutcome.clientside`) and holds back what reads
 * their outputs, which the page triggers itself when it writes them.
 */
import { fileURLToPath } from 'node:url'
import { isAbsolute } from 'node:path'

/** Where a client-side callback's function lives. */
export interface ClientsideFunction {
  /**
   * The ES module: a file (`new URL('./clientside.js', import.meta.url)` or an absolute path) served
   * by the app at `/_hd/clientside/…`, a path inside the app's assets folder (`'clientside.js'`), or
   * an absolute `https://` URL (its origin must be allowed by the CSP).
   */
  readonly module: string
  /** The name of the exported function. */
  readonly name: string
  /** How `module` is found: a file served by the app, a file of the assets folder, or a URL. */
  readonly kind: 'file' | 'asset' | 'url'
}

const NAME = /^[A-Za-z_$][\w$]*$/

/**
 * Names a function exported by an ES module, for `app.clientsideCallback()`.
 * @example
 * // assets/clientside.js: export function toFahrenheit(c) { return c == null ? window.hyperdash.noUpdate : c * 9 / 5 + 32 }
 * app.clientsideCallback(Output('f', 'value'), [Input('c', 'value')], clientside('clientside.js', 'toFahrenheit'))
 */
export function clientside(module: string | URL, name: string): ClientsideFunction {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new TypeError(`clientside(): '${String(name)}' is not the name of an exported function.`)
  }
  if (module instanceof URL) {
    if (module.protocol === 'file:')
      return Object.freeze({ module: fileURLToPath(module), name, kind: 'file' })
    if (module.protocol === 'https:' || module.protocol === 'http:')
      return Object.freeze({ module: module.href, name, kind: 'url' })
    throw new TypeError(`clientside(): a module URL must be file:, http: or https:, not ${module.protocol}`)
  }
  if (typeof module !== 'string' || module === '') throw new TypeError('clientside(): the module is missing.')
  if (/^https?:\/\//.test(module)) return Object.freeze({ module, name, kind: 'url' })
  if (isAbsolute(module)) return Object.freeze({ module, name, kind: 'file' })
  if (module.split(/[\\/]/).includes('..'))
    throw new TypeError(`clientside(): '${module}' leaves the assets folder.`)
  return Object.freeze({ module: module.replace(/^\.?\//, ''), name, kind: 'asset' })
}

/** True for a {@link ClientsideFunction}. */
export function isClientsideFunction(v: unknown): v is ClientsideFunction {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ClientsideFunction).module === 'string' &&
    typeof (v as ClientsideFunction).name === 'string' &&
    ['file', 'asset', 'url'].includes((v as ClientsideFunction).kind)
  )
}
