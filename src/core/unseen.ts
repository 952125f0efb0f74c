/**
 * @module unseen
 * A request that carried only its chain (closure.ts) says nothing about the rest of the page. The
 * graph tells the chain of a user event; it cannot tell what components inserted during the wave
 * (R20), removed by it (R22) or written by `setProps` set off. A call of that kind that reads or writes
 * a component the request did not carry is handed back before it runs: the browser asks for it again
 * with the whole page (a `reask`), where it runs once, on fresh values.
 *
 * These functions find such calls where the planner would otherwise decide from the page alone (a
 * call whose Outputs are "not on the page" is dropped, R24; a MATCH call is found by its Outputs on
 * the page). A call the wave requests directly is checked where it is requested (run.ts `#request`).
 */
import { bindingFrom, selectorOf, type Binding } from './carry.ts'
import type { CallbackSpec } from './callback.ts'
import { setOff } from './closure.ts'
import type { Graph } from './graph.ts'
import { propKey, type ComponentId, type PropKey } from './ids.ts'
import type { ComponentRecord } from './page.ts'
import type { PreventInitial } from './plan.ts'
import { parseDictId, type DictId, type MatchValues } from './wildcards.ts'

/** A call handed back: the whole callback for every item its triggers set off when `match` is absent. */
export interface HandBack {
  readonly cb: CallbackSpec
  readonly match?: MatchValues
  readonly changed: PropKey[]
}

/** Does a callback, bound by `bind`, read or write a component the request did not carry? */
export type Touches = (cb: CallbackSpec, bind: Binding) => boolean

/** The binding as a call's MATCH values, when it binds every MATCH key. */
const fullMatch = (cb: CallbackSpec, bind: Binding): MatchValues | undefined =>
  cb.matchKeys.length && cb.matchKeys.every((k) => k in bind) ? bind : undefined

const handBack = (cb: CallbackSpec, bind: Binding, changed: PropKey[]): HandBack => {
  const match = fullMatch(cb, bind)
  return match ? { cb, match, changed } : { cb, changed }
}

/**
 * R20 on a request that carried only its chain: the calls the inserted components (`chunk`) set off
 * that touch a component the request did not carry: with an Output in the chunk as initial calls
 * (unless `preventInitialCall`), else triggered by their Inputs in the chunk.
 */
export function insertedHandBacks(
  graph: Graph,
  chunk: ReadonlySet<ComponentId>,
  prevent: PreventInitial,
  touches: Touches
): HandBack[] {
  const byKey = new Map<string, HandBack>()
  const add = (cb: CallbackSpec, bind: Binding, changed: PropKey[]) => {
    const h = handBack(cb, bind, changed)
    const key = `${cb.index}:${JSON.stringify(h.match ?? null)}`
    const had = byKey.get(key)
    if (!had) byKey.set(key, h)
    else for (const k of changed) if (!had.changed.includes(k)) had.changed.push(k)
  }
  for (const id of chunk) {
    const dict = parseDictId(id) as DictId | null
    if (!dict) {
      for (const cb of graph.callbacksWithOutputOn(id))
        if (!cb.clientside && !prevent(cb) && touches(cb, {})) add(cb, {}, [])
      for (const cb of graph.callbacksWithInputOn(id)) {
        if (cb.clientside || cb.outputs.some((d) => chunk.has(d.id)) || !touches(cb, {})) continue
        add(
          cb,
          {},
          cb.inputs.filter((d) => chunk.has(d.id)).map((d) => d.key)
        )
      }
      continue
    }
    for (const { spec, dep } of graph.outputPatternsFor(dict)) {
      const bind = bindingFrom(spec, dep, dict)
      if (!spec.clientside && !prevent(spec) && touches(spec, bind)) add(spec, bind, [])
    }
    for (const { spec, dep } of graph.inputPatternsFor(dict)) {
      if (spec.clientside) continue
      const bind = bindingFrom(spec, dep, dict)
      // An Output in the chunk: its initial call above.
      if (spec.outputs.some((o) => chunk.has(selectorOf(o, bind)))) continue
      if (touches(spec, bind)) add(spec, bind, [propKey(id, dep.prop)])
    }
  }
  return [...byKey.values()]
}

/**
 * R22 on a request that carried only its chain: ALL/ALLSMALLER consumers of the removed components
 * that touch a component the request did not carry (their final call, with the shorter list).
 */
export function removedHandBacks(
  graph: Graph,
  removed: readonly ComponentId[],
  touches: Touches
): HandBack[] {
  const out: HandBack[] = []
  for (const id of removed) {
    const dict = id.charCodeAt(0) === 123 ? (parseDictId(id) as DictId | null) : null
    if (!dict) continue
    for (const { spec, dep } of graph.inputPatternsFor(dict))
      if (dep.multi && !spec.clientside && !out.some((h) => h.cb === spec) && touches(spec, {}))
        out.push({ cb: spec, changed: [] })
  }
  return out
}

/**
 * The callbacks a written prop sets off for items the page holds (an ALL Input of a MATCH callback:
 * one call per Output on the page) that touch a component the request did not carry: found from the
 * page they would be missed. Calls bound by the written id itself are checked when requested.
 */
export function writtenHandBacks(graph: Graph, key: PropKey, touches: Touches): HandBack[] {
  const out: HandBack[] = []
  for (const [cb, bind] of setOff(graph, key)) {
    if (cb.clientside || !cb.matchKeys.length || fullMatch(cb, bind)) continue
    if (!out.some((h) => h.cb === cb) && touches(cb, bind)) out.push({ cb, changed: [key] })
  }
  return out
}

/** Records a page knows by kind only (`setProps` on a component the request did not carry). */
const partial = new WeakSet<ComponentRecord>()

/** Marks a record as known by kind only: its props are those written, the others unknown. */
export const markPartial = (rec: ComponentRecord): void => void partial.add(rec)

/** True for a record known by kind only: an absent prop is unknown, not unset. */
export const isPartial = (rec: ComponentRecord): boolean => partial.has(rec)
