/**
 * @module callback
 * Normalises `app.callback(outputs, inputs, states, fn, options)` into a {@link CallbackSpec} (R1–R3),
 * flexible signatures included (R39, grouping.ts) and pattern-matching checks (R43, wildcard-rules.ts).
 */
import { createHash } from 'node:crypto'
import { isDependency, type Dependency } from './dependency.ts'
import { ConfigError, messages } from './errors.ts'
import { flattenGrouping, isObjectGrouping, mapGrouping, type IndexGrouping } from './grouping.ts'
import { checkWildcards } from './wildcard-rules.ts'
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
  running?: readonly (readonly [Dependency<'output'>, unknown, unknown])[]
  /** A client-side callback: the browser runs this function; the server never does (clientside.ts). */
  clientside?: ClientsideFunction
  /**
   * Outputs the callback sets besides its return value (a background callback's `progress`): the
   * requests of its chain carry them, as they carry its Outputs.
   */
  sideOutputs?: readonly Dependency<'output'>[]
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

export type OutputDependency = Dependency<'output'>
export type InputDependency = Dependency<'input'>
export type StateDependency = Dependency<'state'>

export interface CallbackSpec {
  /** Registration order: stable across processes started from the same code. */
  readonly index: number
  /** Dash's callback id (R3): `id.prop`, `..a.p...b.q..`, or a hash when there are no outputs. */
  readonly id: string
  readonly name: string
  readonly outputs: readonly OutputDependency[]
  readonly inputs: readonly InputDependency[]
  readonly states: readonly StateDependency[]
  /** True when the outputs were given as a list or an object (even of one): the function returns that shape (R2). */
  readonly multi: boolean
  /** The shape the function returns: an index into `outputs` per leaf (a bare index for a single output). */
  readonly outputsShape: IndexGrouping
  /**
   * The function's arguments before the context: each a grouping of indexes into the values
   * `[...inputs, ...states]` (one index per argument for the classic positional form).
   */
  readonly args: readonly IndexGrouping[]
  /** The shape of `ctx.argsGrouping`: the inputs' declaration (an object, or the list of arguments). */
  readonly argsShape: IndexGrouping
  /** True when Inputs/States were not given as plain lists (Dash's `using_args_grouping`). */
  readonly usingArgsGrouping: boolean
  /** True when Outputs were given as an object or nested lists (Dash's `using_outputs_grouping`). */
  readonly usingOutputsGrouping: boolean
  /** The keys whose MATCH values tell this callback's calls apart (R41); empty without MATCH. */
  readonly matchKeys: readonly string[]
  /** True when any dependency has a dict id: the engine resolves it against the page (resolve.ts). */
  readonly wild: boolean
  readonly fn: AnyCallbackFn
  /** `undefined` means "use the app's default" (R25). */
  readonly preventInitialCall: boolean | undefined
  readonly timeoutMs: number | undefined
  readonly onError?: CallbackOptions['onError']
  readonly running?: readonly RunningEntry[]
  readonly clientside?: ClientsideFunction
  readonly sideOutputs?: readonly OutputDependency[]
}

const kindName = (d: unknown) =>
  isDependency(d)
    ? `${d.kind[0]!.toUpperCase()}${d.kind.slice(1)}(${JSON.stringify(d.id)}, ${JSON.stringify(d.prop)})`
    : (JSON.stringify(d) ?? String(d))

function expect<K extends Dependency['kind']>(
  items: readonly unknown[],
  kinds: readonly K[],
  name: string,
  label: string
): Dependency<K>[] {
  items.forEach((d, i) => {
    if (!isDependency(d) || !(kinds as readonly string[]).includes(d.kind)) {
      const k = kinds[0]
      const want =
        kinds.length > 1
          ? 'an Input or a State'
          : k === 'output'
            ? 'an Output'
            : k === 'input'
              ? 'an Input'
              : 'a State'
      throw new ConfigError(messages.wrongOrder(name, `${label} ${i}`, kindName(d), want))
    }
  })
  return items as Dependency<K>[]
}

/** A dependency's part of a callback id: dots inside a dict id's values escaped (R3). */
const idPart = (d: Dependency) => (d.pattern ? `${d.id.replace(/\./g, '\\.')}.${d.prop}` : d.key)

/** The Dash callback id of a set of outputs (R3). */
export function callbackId(
  outputs: readonly Dependency[],
  multi: boolean,
  inputs: readonly Dependency[]
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
  const name = (d: Dependency) => (d.allowDuplicate ? `${idPart(d)}@${hash}` : idPart(d))
  if (!multi) return name(outputs[0]!)
  return `..${outputs.map(name).join('...')}..`
}

const isFlatList = (v: unknown): v is readonly unknown[] =>
  Array.isArray(v) && v.every((x) => isDependency(x) || (!Array.isArray(x) && !isObjectGrouping(x)))

/** Flattens the Outputs argument: a single Output, a list, or a grouping (R2, R39). */
function readOutputs(outputs: unknown, name: string) {
  if (isDependency(outputs) || !(Array.isArray(outputs) || isObjectGrouping(outputs))) {
    const [o] = expect([outputs], ['output'], name, 'argument 1 (outputs), item')
    return { outputs: [o!], shape: 0 as IndexGrouping, multi: false, grouped: false }
  }
  const { leaves, shape } = flattenGrouping(outputs, isDependency)
  const o = expect(leaves, ['output'], name, 'argument 1 (outputs), item')
  return { outputs: o, shape, multi: true, grouped: !isFlatList(outputs) }
}

/**
 * Flattens the Inputs and States arguments into the engine's lists, keeping how the function gets
 * them: positional values (the classic form, nested lists allowed), or one object (named arguments).
 */
function readArgs(inputs: unknown, states: unknown, name: string) {
  const classicInputs = isDependency(inputs) || isFlatList(inputs)
  const classicStates = states === undefined || isFlatList(states)
  if (classicInputs && classicStates) {
    const i = expect(
      (Array.isArray(inputs) ? inputs : [inputs]) as unknown[],
      ['input'],
      name,
      'argument 2 (inputs), item'
    )
    const s = expect((states ?? []) as unknown[], ['state'], name, 'argument 3 (states), item')
    const args = [...i, ...s].map((_, n) => n)
    return { inputs: i, states: s, args, argsShape: args as IndexGrouping, grouped: false }
  }
  let shapes: IndexGrouping[]
  let leaves: unknown[] = []
  let argsShape: IndexGrouping
  if (isObjectGrouping(inputs) && !isDependency(inputs)) {
    if (
      states !== undefined &&
      (!isObjectGrouping(states) || isDependency(states)) &&
      !(Array.isArray(states) && states.length === 0)
    )
      throw new ConfigError(messages.statesMustBeObject(name))
    const merged: Record<string, unknown> = { ...inputs }
    for (const [k, v] of Object.entries((states ?? {}) as Record<string, unknown>)) {
      if (k in merged) throw new ConfigError(messages.duplicateArgName(name, k))
      merged[k] = v
    }
    const f = flattenGrouping(merged, isDependency)
    leaves = f.leaves
    shapes = [f.shape]
    argsShape = f.shape
  } else {
    const list = (Array.isArray(inputs) ? inputs : [inputs]) as unknown[]
    const all = [...list, ...((states ?? []) as unknown[])]
    shapes = all.map((g) => flattenGrouping(g, isDependency, leaves).shape)
    argsShape = shapes as IndexGrouping
  }
  const deps = expect(leaves, ['input', 'state'], name, 'argument 2 (inputs), item')
  // The values arrive as [...inputs, ...states]: renumber each leaf to its place there.
  const i = deps.filter((d) => d.kind === 'input') as Dependency<'input'>[]
  const s = deps.filter((d) => d.kind === 'state') as Dependency<'state'>[]
  const place = deps.map((d) =>
    d.kind === 'input' ? i.indexOf(d as never) : i.length + s.indexOf(d as never)
  )
  const renumber = (g: IndexGrouping) => mapGrouping(g, (n) => place[n]!) as IndexGrouping
  return { inputs: i, states: s, args: shapes.map(renumber), argsShape: renumber(argsShape), grouped: true }
}

/** Builds and checks one callback's spec; every problem is a {@link ConfigError} that names the callback. */
export function createCallbackSpec(
  index: number,
  outputs: unknown,
  inputs: unknown,
  states: unknown,
  fn: AnyCallbackFn,
  options: CallbackOptions = {}
): CallbackSpec {
  // `||`, not `??`: an anonymous function's name is '' (not nullish), and messages must name something.
  const provisional = options.name || (typeof fn === 'function' && fn.name) || `#${index}`
  const out = readOutputs(outputs, provisional)
  const a = readArgs(inputs, states, provisional)
  const o = out.outputs
  const i = a.inputs
  const s = a.states
  const id = callbackId(o, out.multi, i)
  const name = options.name || (fn && fn.name) || id
  if (typeof fn !== 'function') throw new ConfigError(messages.notAFunction(name))
  if (i.length === 0 && options.preventInitialCall === true) throw new ConfigError(messages.noInputs(name))
  const seen = new Set<string>()
  o.forEach((d, n) => {
    if (seen.has(d.key)) throw new ConfigError(messages.duplicateOutputInCallback(name, n, d.key))
    seen.add(d.key)
  })
  const matchKeys = checkWildcards(name, o, i, s)
  return Object.freeze({
    index,
    id,
    name,
    outputs: Object.freeze([...o]),
    inputs: Object.freeze([...i]),
    states: Object.freeze([...s]),
    multi: out.multi,
    outputsShape: out.shape,
    args: Object.freeze(a.args),
    argsShape: a.argsShape,
    usingArgsGrouping: a.grouped,
    usingOutputsGrouping: out.grouped,
    matchKeys: Object.freeze(matchKeys),
    wild: [...o, ...i, ...s].some((d) => d.pattern !== undefined),
    fn,
    preventInitialCall: options.preventInitialCall,
    timeoutMs: options.timeoutMs,
    ...(options.onError ? { onError: checkFn(options.onError, name, 'onError') } : {}),
    ...(options.running ? { running: runningEntries(options.running, name) } : {}),
    ...(options.sideOutputs?.length ? { sideOutputs: options.sideOutputs } : {}),
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
