/**
 * @module callback
 * Normalises `app.callback(outputs, inputs, states, fn, options)` into a {@link CallbackSpec} (R1–R3).
 */
import { createHash } from 'node:crypto'
import { isDependency, type Dependency, type InputDep, type OutputDep, type StateDep } from './dependency.ts'
import { ConfigError, messages } from './errors.ts'
import type { CallbackContext } from './context.ts'
import type { ClientsideFunction } from './clientside.ts'

/** The options the engine reads. `app.callback()` takes these and the server's (src/server/types.ts). */
export interface CallbackOptions {
  /** Skip this callback's initial call on page load and for components inserted with its outputs (R25, R21). */
  preventInitialCall?: boolean
  /** A name for error messages, the dev tools and `Server-Timing`; defaults to the function's name. */
  name?: string
  /** Abandon an async call that runs longer than this (ms); its outputs get an error fragment. */
  timeoutMs?: number
  /**
   * Dash's `on_error`: called with the error and the context when the callback throws; its return
   * value is used as the outputs (nothing: `noUpdate` for all), and `setProps` works inside it.
   * Overrides the app's `onError`.
   */
  onError?: (error: unknown, ctx: CallbackContext) => unknown
  /**
   * Dash's `running`: `[[Output(id, prop), whileRunning, whenDone], …]`. The page sets each prop to
   * `whileRunning` the moment the request that runs this callback leaves, and to `whenDone` when its
   * answer (a result, an error or nothing) lands. Values: text for `children`, else attribute values
   * (`true`/`false` for `disabled`, `hidden`).
   */
  running?: readonly (readonly [OutputDep, unknown, unknown])[]
  /** A client-side callback: the browser runs this function; the server never does (clientside.ts). */
  clientside?: ClientsideFunction
}

/** One entry of `running`, as the page carries it. */
export interface RunningEntry {
  readonly id: string
  readonly prop: string
  readonly on: unknown
  readonly off: unknown
}

// Callbacks receive the values of their Inputs and States, then the context; they return anything.
// The precise types live in the public `callback()` signature; the engine only needs this.
export type AnyCallbackFn = (...args: never[]) => unknown

export interface CallbackSpec {
  /** Registration order: stable across processes started from the same code. */
  readonly index: number
  /** Dash's callback id (R3): `id.prop`, `..a.p...b.q..`, or a hash when there are no outputs. */
  readonly id: string
  readonly name: string
  readonly outputs: readonly OutputDep[]
  readonly inputs: readonly InputDep[]
  readonly states: readonly StateDep[]
  /** True when the outputs were given as a list (even of one): the function returns an array (R2). */
  readonly multi: boolean
  readonly fn: AnyCallbackFn
  /** `undefined` means "use the app's default" (R25). */
  readonly preventInitialCall: boolean | undefined
  readonly timeoutMs: number | undefined
  readonly onError?: CallbackOptions['onError']
  readonly running?: readonly RunningEntry[]
  readonly clientside?: ClientsideFunction
}

type Many<T> = T | readonly T[]

const kindName = (d: unknown) =>
  isDependency(d)
    ? `${d.kind[0]!.toUpperCase()}${d.kind.slice(1)}(${JSON.stringify(d.id)}, ${JSON.stringify(d.prop)})`
    : (JSON.stringify(d) ?? String(d))

function expect<K extends Dependency['kind']>(
  items: readonly unknown[],
  kind: K,
  name: string,
  label: string
): Dependency<K>[] {
  items.forEach((d, i) => {
    if (!isDependency(d) || d.kind !== kind) {
      const want = kind === 'output' ? 'an Output' : kind === 'input' ? 'an Input' : 'a State'
      throw new ConfigError(messages.wrongOrder(name, `${label} ${i}`, kindName(d), want))
    }
  })
  return items as Dependency<K>[]
}

/** The Dash callback id of a set of outputs (R3). */
export function callbackId(
  outputs: readonly OutputDep[],
  multi: boolean,
  inputs: readonly InputDep[]
): string {
  if (outputs.length === 0) {
    return createHash('sha256')
      .update(inputs.map((d) => d.key).join(','))
      .digest('hex')
      .slice(0, 16)
  }
  // Dash: an output that allows duplicates gets `@<hash>` so that each callback keeps its own id.
  const hash = createHash('sha256')
    .update(inputs.map((d) => d.key).join(','))
    .digest('hex')
    .slice(0, 8)
  const name = (d: OutputDep) => (d.allowDuplicate ? `${d.key}@${hash}` : d.key)
  if (!multi) return name(outputs[0]!)
  return `..${outputs.map(name).join('...')}..`
}

/** Builds and checks one callback's spec; every problem is a {@link ConfigError} that names the callback. */
export function createCallbackSpec(
  index: number,
  outputs: Many<OutputDep>,
  inputs: Many<InputDep>,
  states: readonly StateDep[],
  fn: AnyCallbackFn,
  options: CallbackOptions = {}
): CallbackSpec {
  const multi = Array.isArray(outputs)
  const outs = (multi ? outputs : [outputs]) as readonly unknown[]
  const ins = (Array.isArray(inputs) ? inputs : [inputs]) as readonly unknown[]
  // `||`, not `??`: an anonymous function's name is '' (not nullish), and messages must name something.
  const provisional = options.name || (typeof fn === 'function' && fn.name) || `#${index}`
  const o = expect(outs, 'output', provisional, 'argument 1 (outputs), item')
  const i = expect(ins, 'input', provisional, 'argument 2 (inputs), item')
  const s = expect(states as readonly unknown[], 'state', provisional, 'argument 3 (states), item')
  const id = callbackId(o, multi, i)
  const name = options.name || (fn && fn.name) || id
  if (typeof fn !== 'function') throw new ConfigError(messages.notAFunction(name))
  if (i.length === 0 && options.preventInitialCall === true) throw new ConfigError(messages.noInputs(name))
  const seen = new Set<string>()
  o.forEach((d, n) => {
    if (seen.has(d.key)) throw new ConfigError(messages.duplicateOutputInCallback(name, n, d.key))
    seen.add(d.key)
  })
  return Object.freeze({
    index,
    id,
    name,
    outputs: Object.freeze([...o]),
    inputs: Object.freeze([...i]),
    states: Object.freeze([...s]),
    multi,
    fn,
    preventInitialCall: options.preventInitialCall,
    timeoutMs: options.timeoutMs,
    ...(options.onError ? { onError: checkFn(options.onError, name, 'onError') } : {}),
    ...(options.running ? { running: runningEntries(options.running, name) } : {}),
    ...(options.clientside ? { clientside: options.clientside } : {}),
  })
}

function checkFn<F>(fn: F, name: string, option: string): F {
  if (typeof fn !== 'function')
    throw new ConfigError(`In the callback ${name}: \`${option}\` must be a function.`)
  return fn
}

/** Checks `running` and flattens it to what the page carries. */
function runningEntries(running: CallbackOptions['running'], name: string): RunningEntry[] {
  if (!Array.isArray(running)) {
    throw new ConfigError(
      `In the callback ${name}: \`running\` must be a list of [Output(id, prop), whileRunning, whenDone].`
    )
  }
  return running.map((entry, i) => {
    const [dep, on, off] = (Array.isArray(entry) ? entry : []) as unknown[]
    if (!Array.isArray(entry) || entry.length !== 3 || !isDependency(dep) || dep.kind !== 'output') {
      throw new ConfigError(
        `In the callback ${name}: \`running\` item ${i} is not [Output(id, prop), whileRunning, whenDone].`
      )
    }
    return Object.freeze({ id: dep.id, prop: dep.prop, on, off })
  })
}
