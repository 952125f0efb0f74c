/**
 * @module resolve
 * Pattern-matching resolution (R40–R42): a callback with MATCH runs once per MATCH value, each run a
 * {@link Call}; its dependencies are resolved against the page as it is when the call runs (ALL and
 * ALLSMALLER as lists in document order). Callbacks without dict ids resolve to themselves: one call,
 * their own keys, no page scan.
 */
import type { CallbackSpec } from './callback.ts'
import type { Dependency } from './dependency.ts'
import type { Graph } from './graph.ts'
import { propKey, splitKey, type ComponentId, type PropKey } from './ids.ts'
import type { PageState } from './page.ts'
import {
  ALLSMALLER,
  concreteId,
  idMatches,
  idValSort,
  MATCH,
  matchString,
  parseDictId,
  patternsOverlap,
  shapeOf,
  type DictId,
  type MatchValues,
} from './wildcards.ts'

/** One resolved run of a callback: the callback and, with MATCH, the values it runs for. */
export interface Call {
  readonly cb: CallbackSpec
  readonly match: MatchValues | null
  /** Its identity: the callback's index, and its MATCH values (`3`, `3:[1]`). */
  readonly key: string
}

const plainCalls = new WeakMap<CallbackSpec, Call>()

/** The call of `cb` for MATCH values `match` (null: the one call of a callback without MATCH). */
export function callOf(cb: CallbackSpec, match: MatchValues | null = null): Call {
  if (!match) {
    let c = plainCalls.get(cb)
    if (!c) plainCalls.set(cb, (c = Object.freeze({ cb, match: null, key: String(cb.index) })))
    return c
  }
  return Object.freeze({ cb, match, key: `${cb.index}:${matchString(match)}` })
}

/** The values of `keys` in `id`, or null when one is missing. */
function pick(id: DictId, keys: readonly string[]): MatchValues | null {
  const out: Record<string, string | number | boolean> = {}
  for (const k of keys) {
    if (!(k in id)) return null
    out[k] = id[k]!
  }
  return out
}

// ─── dependencies of a call ──────────────────────────────────────────────────────────────────

/** The ids a dependency names for a call, in document order: none when absent (R42). */
export function resolveIds(dep: Dependency, match: MatchValues | null, page: PageState): ComponentId[] {
  if (!dep.pattern) return page.has(dep.id) ? [dep.id] : []
  const one = concreteId(dep.pattern, match)
  if (one !== null) return page.has(one) ? [one] : []
  const out: ComponentId[] = []
  for (const { id, dict } of page.dictIds(dep.shape!)) if (idMatches(dict, dep.pattern, match)) out.push(id)
  return out
}

/** The prop keys a dependency names for a call. */
export const resolveKeys = (dep: Dependency, match: MatchValues | null, page: PageState): PropKey[] =>
  resolveIds(dep, match, page).map((id) => propKey(id, dep.prop))

/**
 * What the callback receives for a dependency: a list for ALL/ALLSMALLER (maybe empty), else the
 * value, `null` when unset or absent (R9, R42).
 */
export function dependencyValue(dep: Dependency, match: MatchValues | null, page: PageState): unknown {
  if (!dep.pattern) return page.value(dep.key)
  const keys = resolveKeys(dep, match, page)
  if (dep.multi) return keys.map((k) => page.value(k))
  return keys.length ? page.value(keys[0]!) : null
}

/** Every concrete key a call's Inputs name (R14, R17). */
export function inputKeys(call: Call, page: PageState): PropKey[] {
  if (!call.cb.wild) return call.cb.inputs.map((d) => d.key)
  return call.cb.inputs.flatMap((d) => resolveKeys(d, call.match, page))
}

/** Every concrete key a call's Inputs and States name. */
export function readKeys(call: Call, page: PageState): PropKey[] {
  if (!call.cb.wild) return [...call.cb.inputs, ...call.cb.states].map((d) => d.key)
  return [...call.cb.inputs, ...call.cb.states].flatMap((d) => resolveKeys(d, call.match, page))
}

/** The keys a call writes, per Output (an ALL Output: a list; R40). Absent components are left out. */
export function outputKeys(call: Call, page: PageState): PropKey[][] {
  return call.cb.outputs.map((d) => resolveKeys(d, call.match, page))
}

/** True when some Output of the call is on the page (R24 drops calls with none). */
export function hasOutputOnPage(call: Call, page: PageState): boolean {
  if (call.cb.outputs.length === 0) return true
  return call.cb.outputs.some((d) => resolveIds(d, call.match, page).length > 0)
}

/** R8: an Input counts as present when it names a component; an ALL/ALLSMALLER one only if non-empty. */
export function inputPresent(dep: Dependency, match: MatchValues | null, page: PageState): boolean {
  return resolveIds(dep, match, page).length > 0
}

// ─── the calls an event asks for ─────────────────────────────────────────────────────────────

/**
 * The calls a change of `key` asks for (R12, R41; Dash's `getCallbacksByInput`). A MATCH Input gives
 * the call of the changed item; an ALL/ALLSMALLER Input of a callback with MATCH Outputs gives every
 * call whose Outputs are on the page (ALLSMALLER: only those after the changed item).
 */
export function callsForInput(graph: Graph, page: PageState, key: PropKey, multiOnly = false): Call[] {
  const { id, prop } = splitKey(key)
  const dict = parseDictId(id) as DictId | null
  if (!dict) {
    if (multiOnly) return []
    const out: Call[] = []
    for (const cb of graph.consumers(key))
      addAll(out, cb.matchKeys.length ? fromOutputs(cb, null, null, page) : [callOf(cb)])
    return out
  }
  const out: Call[] = []
  for (const { spec, dep } of graph.inputPatternsFor(dict)) {
    if (dep.prop !== prop || (multiOnly && !dep.multi)) continue
    addAll(out, callsFrom(spec, dep, dict, page))
  }
  return out
}

function addAll(into: Call[], calls: readonly Call[]) {
  for (const c of calls) if (!into.some((x) => x.key === c.key)) into.push(c)
}

/** The calls of `cb` triggered through its Input `dep` by the component `trigger`. */
function callsFrom(cb: CallbackSpec, dep: Dependency, trigger: DictId, page: PageState): Call[] {
  const keys = cb.matchKeys
  if (keys.length === 0) return [callOf(cb)]
  const pattern = dep.pattern!
  // The Input has MATCH on every MATCH key: the changed item's own call.
  if (keys.every((k) => pattern[k] === MATCH)) {
    const m = pick(trigger, keys)
    return m ? [callOf(cb, m)] : []
  }
  const fromOut = cb.outputs.some((o) => o.pattern && Object.values(o.pattern).includes(MATCH))
  if (!fromOut) return [callOf(cb)]
  return fromOutputs(cb, dep, trigger, page)
}

/**
 * Every call of `cb` whose MATCH values appear on its first Output with MATCH (Dash's
 * `addAllResolvedFromOutputs`), restricted by the trigger: equal on MATCH keys of the Input, after it
 * on ALLSMALLER keys.
 */
function fromOutputs(
  cb: CallbackSpec,
  dep: Dependency | null,
  trigger: DictId | null,
  page: PageState
): Call[] {
  const keys = cb.matchKeys
  const out0 = cb.outputs.find((o) => o.pattern && keys.every((k) => o.pattern![k] === MATCH))
  if (!out0) return [callOf(cb)]
  const seen = new Set<string>()
  const calls: Call[] = []
  for (const { dict } of page.dictIds(out0.shape!)) {
    if (!idMatches(dict, out0.pattern!)) continue
    const m = pick(dict, keys)
    if (!m) continue
    if (dep && trigger) {
      const ok = keys.every((k) => {
        const w = dep.pattern![k]
        if (w === MATCH) return idValSort(trigger[k]!, m[k]!) === 0
        if (w === ALLSMALLER) return idValSort(trigger[k]!, m[k]!) < 0
        return true
      })
      if (!ok) continue
    }
    const c = callOf(cb, m)
    if (!seen.has(c.key)) (seen.add(c.key), calls.push(c))
  }
  return calls
}

/**
 * The calls a component's presence asks for as an initial call (R6, R20a): callbacks with an Output
 * on it, for its MATCH values.
 */
export function callsForOutputId(graph: Graph, id: ComponentId): Call[] {
  const dict = parseDictId(id) as DictId | null
  if (!dict) return graph.callbacksWithOutputOn(id).map((cb) => callOf(cb))
  const out: Call[] = []
  for (const { spec } of graph.outputPatternsFor(dict)) {
    const fromOut = spec.outputs.some((o) => o.pattern && Object.values(o.pattern).includes(MATCH))
    const m = fromOut ? pick(dict, spec.matchKeys) : null
    addAll(out, [callOf(spec, m)])
  }
  return out
}

/** The Input props of component `id` that some callback reads, with the props (R20b, R22). */
export function inputPropsOf(graph: Graph, id: ComponentId): string[] {
  const dict = parseDictId(id) as DictId | null
  if (!dict)
    return [
      ...new Set(
        graph
          .callbacksWithInputOn(id)
          .flatMap((cb) => cb.inputs.filter((i) => i.id === id).map((i) => i.prop))
      ),
    ]
  return [...new Set(graph.inputPatternsFor(dict).map((u) => u.dep.prop))]
}

// ─── what calls still pending may write (R14) ────────────────────────────────────────────────

/**
 * Prop keys that may still change, with overlap for dict patterns: the props calls of this wave may
 * write (concrete) and those requests in flight elsewhere may write (patterns, from the static graph).
 */
export class KeySet {
  readonly #exact = new Set<PropKey>()
  readonly #patterns = new Map<string, { pattern: DictId; prop: string }[]>()

  add(key: PropKey): this {
    if (this.#exact.has(key)) return this
    this.#exact.add(key)
    const { id, prop } = splitKey(key)
    const p = parseDictId(id)
    if (p && Object.values(p).some((v) => typeof v === 'object')) {
      const bucket = `${shapeOf(p)}.${prop}`
      const list = this.#patterns.get(bucket) ?? []
      list.push({ pattern: p as DictId, prop })
      this.#patterns.set(bucket, list)
    }
    return this
  }

  addAll(keys: Iterable<PropKey>): this {
    for (const k of keys) this.add(k)
    return this
  }

  get size(): number {
    return this.#exact.size
  }

  keys(): IterableIterator<PropKey> {
    return this.#exact.keys()
  }

  /** True when `key` (a concrete key) is in the set or matches one of its patterns. */
  has(key: PropKey): boolean {
    if (this.#exact.has(key)) return true
    if (this.#patterns.size === 0 || key.charCodeAt(0) !== 123) return false
    const { id, prop } = splitKey(key)
    const p = parseDictId(id)
    if (!p) return false
    return (this.#patterns.get(`${shapeOf(p)}.${prop}`) ?? []).some((x) => patternsOverlap(x.pattern, p))
  }
}

/** True when no key a callback's static chain may write is a dict id: its chain needs no page. */
const staticChains = new WeakMap<CallbackSpec, boolean>()
function isStaticChain(graph: Graph, cb: CallbackSpec): boolean {
  let s = staticChains.get(cb)
  if (s === undefined) {
    s = !cb.wild && ![...graph.subsequentOutputs(cb)].some((k) => k.charCodeAt(0) === 123)
    staticChains.set(cb, s)
  }
  return s
}

/**
 * Every prop `calls` may write, directly or through the calls their outputs ask for, resolved on the
 * page (Dash's `getAllSubsequentOutputsForCallback`). Chains without dict ids use the graph's
 * memoised sets.
 */
export function subsequentKeys(
  graph: Graph,
  page: PageState,
  calls: Iterable<Call>,
  into = new KeySet()
): KeySet {
  const seen = new Set<string>()
  const stack = [...calls]
  while (stack.length) {
    const c = stack.pop()!
    if (seen.has(c.key)) continue
    seen.add(c.key)
    if (isStaticChain(graph, c.cb)) {
      into.addAll(graph.subsequentOutputs(c.cb))
      continue
    }
    for (const keys of outputKeys(c, page)) {
      for (const k of keys) {
        if (into.has(k) && seen.has(`w:${k}`)) continue
        seen.add(`w:${k}`)
        into.add(k)
        for (const next of callsForInput(graph, page, k)) if (!seen.has(next.key)) stack.push(next)
      }
    }
  }
  return into
}

/** Forgets the memoised static-chain answers of a graph's callbacks (the graph changed). */
export const resetChains = (cbs: Iterable<CallbackSpec>) => {
  for (const cb of cbs) staticChains.delete(cb)
}
