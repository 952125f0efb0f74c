/**
 * @module closure
 * What a chain can touch: for the props a user event changes, the components whose props the
 * callbacks downstream may read (Inputs, States) or write (Outputs: their presence decides R18/R24).
 * A request carries only these components, so an event costs in proportion to its chain, not to the
 * page. A pure function of the graph, memoised per prop.
 *
 * Pattern-matching dependencies give selectors (carry.ts): the dependency's dict id with MATCH keys
 * bound to the triggering item's values where the chain knows them (an item's own MATCH call, and
 * what its MATCH outputs set off), every other wildcard "any value". A chain that writes a `children`
 * may insert or remove components (R20–R22): it also carries what every callback with an ALL or
 * ALLSMALLER Input reads and writes (a removed item's ALL consumers run with the shorter list).
 *
 * What the graph cannot tell is found while the wave runs: a callback that inserted components or a
 * `setProps` set off, and that touches a component the request did not carry, is handed back to the
 * browser before it runs (run.ts `unseen`, unseen.ts), which asks for it again with every component
 * of the page. That is what keeps a request correct, whatever a callback's code does.
 *
 * One hint is read from the code, for usability only: a chain holding a callback whose source calls
 * `setProps` carries the whole page, so that such a write to a component outside the chain can be
 * rendered (a component rendered again from all its props, a signed state holding other props: the
 * server needs what the page holds). A call the hint misses (through a helper defined elsewhere) is
 * still handled correctly, or refused with an error naming the fix (src/protocol/unseen-write.ts).
 */
import { bindingFrom, depsOf, selectorOf, writesOf, type Binding } from './carry.ts'
import type { CallbackSpec } from './callback.ts'
import type { Graph } from './graph.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import { parseDictId, patternsOverlap } from './wildcards.ts'

interface Memo {
  /** Callbacks in the graph when the memo was filled: a graph that grew starts a new memo. */
  size: number
  byKey: Map<PropKey, ReadonlySet<ComponentId> | null>
  /** Callbacks with an ALL/ALLSMALLER Input: what inserting or removing items may set off (R20b, R22). */
  aggregators: CallbackSpec[]
}

const memos = new WeakMap<Graph, Memo>()

/** The callbacks a change of `key` (an id, a concrete dict id or a selector) sets off, with their bindings. */
export function setOff(graph: Graph, key: PropKey): [CallbackSpec, Binding][] {
  const { id, prop } = splitKey(key)
  const dict = id.charCodeAt(0) === 123 ? parseDictId(id) : null
  const cbs = graph.consumers(key)
  if (!dict) return cbs.map((cb) => [cb, {}])
  const out: [CallbackSpec, Binding][] = []
  for (const cb of cbs)
    for (const d of cb.inputs)
      if (d.pattern && d.prop === prop && patternsOverlap(d.pattern, dict))
        out.push([cb, bindingFrom(cb, d, dict)])
  return out
}

/**
 * The usability hint (see the module's comment): a callback whose code visibly calls `setProps`. Not
 * relied on for correctness.
 */
const callsSetProps = (cb: CallbackSpec): boolean =>
  /\bsetProps\b/.test(String(cb.fn)) || (cb.onError !== undefined && /\bsetProps\b/.test(String(cb.onError)))

const bindingKey = (cb: CallbackSpec, b: Binding) =>
  cb.matchKeys.length
    ? `${cb.index}:${JSON.stringify(cb.matchKeys.map((k) => b[k] ?? null))}`
    : String(cb.index)

/**
 * The ids and selectors the chains set off by changes of `keys` may read or write, the changed
 * components included.
 */
function walk(graph: Graph, memo: Memo, keys: Iterable<PropKey>): Set<ComponentId> | null {
  const out = new Set<ComponentId>()
  const stack: [CallbackSpec, Binding][] = []
  for (const key of keys) {
    out.add(splitKey(key).id)
    stack.push(...setOff(graph, key))
  }
  const seen = new Set<string>()
  let children = false
  for (;;) {
    while (stack.length) {
      const [cb, bind] = stack.pop()!
      const k = bindingKey(cb, bind)
      if (seen.has(k)) continue
      seen.add(k)
      if (callsSetProps(cb)) return null
      for (const d of depsOf(cb)) out.add(selectorOf(d, bind))
      for (const o of writesOf(cb)) {
        if (o.prop === 'children') children = true
        stack.push(...setOff(graph, `${selectorOf(o, bind)}.${o.prop}`))
      }
    }
    if (!children) break
    // New children may insert or remove items: their ALL consumers run in the same wave (R20b, R22).
    children = false
    for (const cb of memo.aggregators) if (!seen.has(bindingKey(cb, {}))) stack.push([cb, {}])
    if (!stack.length) break
  }
  return out
}

function memoOf(graph: Graph): Memo {
  let memo = memos.get(graph)
  if (!memo || memo.size !== graph.callbacks.length) {
    memo = {
      size: graph.callbacks.length,
      byKey: new Map(),
      aggregators: graph.callbacks.filter((cb) => cb.inputs.some((d) => d.multi)),
    }
    memos.set(graph, memo)
  }
  return memo
}

/**
 * The ids and selectors (carry.ts) the chain set off by a change of `key` may read or write, the
 * changed component included; null when its events carry the whole page (the `setProps` hint).
 */
export function chainIdsOf(graph: Graph, key: PropKey): ReadonlySet<ComponentId> | null {
  const memo = memoOf(graph)
  let ids = memo.byKey.get(key)
  if (ids === undefined) {
    ids = walk(graph, memo, [key])
    // One entry per live prop of the pages served: bounded all the same.
    if (memo.byKey.size > 100_000) memo.byKey.clear()
    memo.byKey.set(key, ids)
  }
  return ids
}

/** The ids and selectors the chains set off by changes of `keys` may read or write (null: all). */
export function chainIds(graph: Graph, keys: Iterable<PropKey>): Set<ComponentId> | null {
  const out = new Set<ComponentId>()
  for (const k of keys) {
    const ids = chainIdsOf(graph, k)
    if (!ids) return null
    for (const id of ids) out.add(id)
  }
  return out
}
