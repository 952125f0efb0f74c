/**
 * @module closure
 * What a chain can touch: for the props a user event changes, the components whose props the
 * callbacks downstream may read (Inputs, States) or write (Outputs: their presence decides R18/R24).
 * A request carries only these components, so an event costs in proportion to its chain, not to the
 * page. A pure function of the graph, memoised per prop.
 *
 * Components a chain inserts (new `children`, R20) are not known statically: the callbacks they set
 * off may read components outside the closure. The wave hands such a callback back to the browser
 * (run.ts `unseen`), which asks for it again with every component of the page.
 */
import type { CallbackSpec } from './callback.ts'
import type { Graph } from './graph.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'

interface Memo {
  /** Callbacks in the graph when the memo was filled: a graph that grew starts a new memo. */
  size: number
  byKey: Map<PropKey, ReadonlySet<ComponentId>>
}

const memos = new WeakMap<Graph, Memo>()

/**
 * The components a dependency names. Pattern-matching ids (R40) will name a selector instead of one
 * id; this is the one place that turns a dependency into what the browser must send.
 */
const idsOf = (cb: CallbackSpec): ComponentId[] => [
  ...cb.inputs.map((d) => d.id),
  ...cb.states.map((d) => d.id),
  ...cb.outputs.map((d) => d.id),
  ...(cb.sideOutputs ?? []).map((d) => d.id),
]

/**
 * A callback whose code calls `setProps` (Dash's `set_props`) may write any component, and set off
 * its consumers: its chain is not known from the graph, so its events carry the whole page. Read from
 * the function's source (and its `onError`): a call through a helper defined elsewhere is not seen.
 */
const mayReachOutside = (cb: CallbackSpec): boolean =>
  /\bsetProps\b/.test(String(cb.fn)) || (cb.onError !== undefined && /\bsetProps\b/.test(String(cb.onError)))

/** Every callback a change of `key` can set off, directly or down the chain (R12). */
export function reachable(graph: Graph, key: PropKey): Set<CallbackSpec> {
  const seen = new Set<CallbackSpec>()
  const stack = [...graph.consumers(key)]
  while (stack.length) {
    const cb = stack.pop()!
    if (seen.has(cb)) continue
    seen.add(cb)
    for (const o of cb.outputs)
      for (const next of graph.consumers(o.key)) if (!seen.has(next)) stack.push(next)
  }
  return seen
}

/**
 * The components the chain set off by a change of `key` may read or write, the changed component
 * included; null when that cannot be listed: an app with pattern-matching callbacks (R40), whose
 * ALL lists name components the page holds, not the graph (those events carry the whole page).
 */
export function chainIdsOf(graph: Graph, key: PropKey): ReadonlySet<ComponentId> | null {
  if (graph.callbacks.some((cb) => cb.wild)) return null
  let memo = memos.get(graph)
  if (!memo || memo.size !== graph.callbacks.length) {
    memo = { size: graph.callbacks.length, byKey: new Map() }
    memos.set(graph, memo)
  }
  let ids = memo.byKey.get(key)
  if (!ids) {
    const set: Set<ComponentId> | null = new Set<ComponentId>([splitKey(key).id])
    const cbs = reachable(graph, key)
    if ([...cbs].some(mayReachOutside)) return null
    for (const cb of cbs) for (const id of idsOf(cb)) set.add(id)
    ids = set
    memo.byKey.set(key, ids)
  }
  return ids
}

/** The components the chains set off by changes of `keys` may read or write (null: all of them). */
export function chainIds(graph: Graph, keys: Iterable<PropKey>): Set<ComponentId> | null {
  const out = new Set<ComponentId>()
  for (const k of keys) {
    const ids = chainIdsOf(graph, k)
    if (!ids) return null
    for (const id of ids) out.add(id)
  }
  return out
}
