/**
 * @module plan
 * Pure planning rules: which callbacks an event requests, which are ready, which wait (R6–R8,
 * R11, R13, R14, R17, R20–R21). No I/O: functions of (graph, page, what changed).
 */
import type { CallbackSpec } from './callback.ts'
import type { Graph } from './graph.ts'
import { propKey, type ComponentId, type PropKey } from './ids.ts'
import type { PageState } from './page.ts'
import {
  callOf,
  callsForInput,
  callsForOutputId,
  hasOutputOnPage,
  inputKeys,
  inputPresent,
  inputPropsOf,
  outputKeys,
  resolveKeys,
  type Call,
} from './resolve.ts'

/** Callbacks queued by one layout load or insertion share a group (R17). */
export interface ExecutionGroup {
  /** Every prop the group's finished members could have written. */
  readonly allProps: Set<PropKey>
  /** The props they did write. */
  readonly updatedProps: Set<PropKey>
}

export const newGroup = (): ExecutionGroup => ({ allProps: new Set(), updatedProps: new Set() })

/** A request to run one call, as Dash's renderer keeps it (R13: one per call, merged). */
export interface CallbackRequest {
  /** The call: the callback and its MATCH values (resolve.ts). */
  readonly call: Call
  readonly cb: CallbackSpec
  /** The props that triggered it, in order of arrival; empty for an initial call. */
  readonly changed: PropKey[]
  initial: boolean
  group: ExecutionGroup | null
}

export type PreventInitial = (cb: CallbackSpec) => boolean

/** Resolves a callback's `preventInitialCall` against the app default (R25). */
export const resolvePreventInitial =
  (appDefault: boolean): PreventInitial =>
  (cb) =>
    cb.preventInitialCall ?? appDefault

/**
 * Adds a request, merging with one already queued for the same callback (R13). A triggered request
 * absorbs an initial one, which loses its initial status (R11).
 */
export function mergeRequest(
  queue: Map<string, CallbackRequest>,
  target: Call | CallbackSpec,
  changed: readonly PropKey[],
  initial: boolean,
  group: ExecutionGroup | null
): void {
  const call = 'cb' in target ? target : callOf(target)
  const had = queue.get(call.key)
  if (!had) {
    queue.set(call.key, {
      call,
      cb: call.cb,
      changed: [...changed],
      initial: initial && changed.length === 0,
      group,
    })
    return
  }
  for (const k of changed) if (!had.changed.includes(k)) had.changed.push(k)
  had.initial = had.changed.length === 0 && (had.initial || initial)
  had.group ??= group
}

/**
 * R8: drops candidates whose every Input is missing or produced only by a dropped candidate. A
 * callback whose Inputs are all ALL/ALLSMALLER is never dropped: it runs with empty lists.
 */
function excludeAllInputsMissing(candidates: Call[], page: PageState) {
  const excluded = new Set<PropKey>()
  let kept = candidates
  for (let changed = true; changed;) {
    changed = false
    kept = kept.filter((c) => {
      const { cb } = c
      if (cb.inputs.length === 0 || cb.inputs.every((i) => i.multi)) return true
      const dead = cb.wild
        ? cb.inputs.every(
            (i) =>
              !inputPresent(i, c.match, page) || resolveKeys(i, c.match, page).every((k) => excluded.has(k))
          )
        : cb.inputs.every((i) => !page.has(i.id) || excluded.has(i.key))
      if (dead) {
        for (const keys of outputKeys(c, page)) for (const k of keys) excluded.add(k)
        changed = true
      }
      return !dead
    })
  }
  return kept
}

const byIndexThenKey = (a: Call, b: Call) =>
  a.cb.index - b.cb.index || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/**
 * The initial calls of a page load (R6–R8, R25): every call with an Output on the page (one per
 * MATCH value), unless `preventInitialCall`, minus those whose Inputs are all missing. No-output
 * callbacks follow R7.
 */
export function planInitial(graph: Graph, page: PageState, prevent: PreventInitial): Call[] {
  const found = new Map<string, Call>()
  for (const id of page.ids()) for (const c of callsForOutputId(graph, id)) found.set(c.key, c)
  for (const cb of graph.callbacks) {
    if (
      cb.outputs.length === 0 &&
      (cb.inputs.length === 0 || cb.inputs.some((i) => inputPresent(i, null, page)))
    ) {
      const c = callOf(cb)
      found.set(c.key, c)
    }
  }
  const ordered = [...found.values()].filter((c) => !prevent(c.cb)).sort(byIndexThenKey)
  return excludeAllInputsMissing(ordered, page)
}

/**
 * Requests caused by components inserted into the page (R20–R21), `chunk` being their ids:
 * (a) a callback with an Output in the chunk gets an initial call unless `preventInitialCall`;
 * (b) a callback with an Input in the chunk is triggered by it, whatever `preventInitialCall`
 *     says, if one of its Outputs is on the page outside the chunk.
 */
export function planInserted(
  graph: Graph,
  page: PageState,
  chunk: ReadonlySet<ComponentId>,
  prevent: PreventInitial
): { initial: Call[]; triggered: Map<Call, PropKey[]> } {
  const initial = new Map<string, Call>()
  const triggered = new Map<string, { call: Call; keys: PropKey[] }>()
  for (const id of chunk) {
    for (const c of callsForOutputId(graph, id)) if (!prevent(c.cb)) initial.set(c.key, c)
    for (const prop of inputPropsOf(graph, id)) {
      const key = propKey(id, prop)
      for (const c of callsForInput(graph, page, key)) {
        const outside = outputKeys(c, page).some((keys) =>
          keys.some((k) => !chunk.has(k.slice(0, k.lastIndexOf('.'))))
        )
        if (!outside) continue
        const t = triggered.get(c.key) ?? { call: c, keys: [] }
        if (!t.keys.includes(key)) t.keys.push(key)
        triggered.set(c.key, t)
      }
    }
  }
  // Keys in the callback's declaration order, per inserted id (as Dash lists them).
  for (const t of triggered.values()) {
    const order = inputKeys(t.call, page)
    t.keys.sort((a, b) => idOrder(a, b, order))
  }
  // R8 runs over every callback of the chunk, triggered ones included (Dash's getLayoutCallbacks): a
  // callback whose only inserted Inputs are outputs of dropped initial calls is dropped as well.
  const all = new Map<string, Call>([...initial])
  for (const t of triggered.values()) all.set(t.call.key, t.call)
  const candidates = [...all.values()].sort(byIndexThenKey)
  const kept = new Set(excludeAllInputsMissing(candidates, page).map((c) => c.key))
  const out = new Map<Call, PropKey[]>()
  for (const c of candidates) {
    const t = triggered.get(c.key)
    if (t && kept.has(c.key)) out.set(t.call, t.keys)
  }
  return { initial: candidates.filter((c) => kept.has(c.key) && !triggered.has(c.key)), triggered: out }
}

/** Orders keys of one inserted id by the callback's Inputs; keys of different ids keep their order. */
function idOrder(a: PropKey, b: PropKey, order: PropKey[]): number {
  const ia = a.slice(0, a.lastIndexOf('.'))
  const ib = b.slice(0, b.lastIndexOf('.'))
  return ia === ib ? order.indexOf(a) - order.indexOf(b) : 0
}

/**
 * R22: calls a removal asks for: callbacks with an ALL/ALLSMALLER Input that listed a removed
 * component and still have an Output on the page. A "final call" with the shorter list: initial,
 * whatever `preventInitialCall` says.
 */
export function planRemoved(graph: Graph, page: PageState, removed: readonly ComponentId[]): Call[] {
  const out = new Map<string, Call>()
  for (const id of removed) {
    if (id.charCodeAt(0) !== 123) continue
    for (const prop of inputPropsOf(graph, id)) {
      for (const c of callsForInput(graph, page, propKey(id, prop), true))
        if (hasOutputOnPage(c, page) && !out.has(c.key)) out.set(c.key, c)
    }
  }
  return [...out.values()].sort(byIndexThenKey)
}

/** Props that callbacks still pending may write, directly or downstream (R14). */
export function pendingOutputs(graph: Graph, pending: Iterable<CallbackSpec>, into = new Set<PropKey>()) {
  for (const cb of pending) for (const k of graph.subsequentOutputs(cb)) into.add(k)
  return into
}

/**
 * Props that requests in flight elsewhere may still change: everything downstream of the props
 * that triggered them, and of the callbacks they re-asked for (R14 across requests).
 */
export function externalPending(
  graph: Graph,
  triggers: readonly PropKey[],
  callbacks: readonly CallbackSpec[] = []
): Set<PropKey> {
  const out = new Set<PropKey>()
  for (const k of triggers) pendingOutputs(graph, graph.consumers(k), out)
  return pendingOutputs(graph, callbacks, out)
}

/** R14: ready when no Input (other than its own outputs, R36) may still be written by a pending callback. */
export function isReady(cb: CallbackSpec, blocked: Pick<ReadonlySet<PropKey>, 'has'>): boolean {
  for (const i of cb.inputs) {
    if (blocked.has(i.key) && !cb.outputs.some((o) => o.key === i.key)) return false
  }
  return true
}

/**
 * Fresh State (a deliberate difference from Dash, docs/porting.md): a call is not ready while one of
 * its States may still be written by a request in flight elsewhere (`external`); it is read after
 * that request lands. Within one wave a State never blocks (R14 as in Dash).
 */
export function statesFresh(
  call: Call,
  page: PageState,
  external: Pick<ReadonlySet<PropKey>, 'has' | 'size'> | undefined
): boolean {
  if (!external?.size || call.cb.states.length === 0) return true
  if (!call.cb.wild) return !call.cb.states.some((d) => external.has(d.key))
  return !call.cb.states.some((d) => resolveKeys(d, call.match, page).some((k) => external.has(k)))
}

/** R14 for a resolved call: its Inputs' keys on the page, less its own Outputs' (R36). */
export function isCallReady(
  call: Call,
  page: PageState,
  blocked: Pick<ReadonlySet<PropKey>, 'has'>
): boolean {
  if (!call.cb.wild) return isReady(call.cb, blocked)
  const inputs = inputKeys(call, page).filter((k) => blocked.has(k))
  if (inputs.length === 0) return true
  const own = new Set(outputKeys(call, page).flat())
  return inputs.every((k) => own.has(k))
}

/**
 * R17: a callback of a load/insertion group is dropped when none of its Inputs was written by the
 * group and every Input is an output of a group member that has finished. Like Dash (which reads the
 * resolved inputs), only Inputs whose component is `present` on the page count.
 */
export function isPrunedByGroup(
  req: CallbackRequest,
  present: (id: ComponentId) => boolean = () => true,
  page?: PageState
): boolean {
  const g = req.group
  if (!g || req.cb.inputs.length === 0) return false
  if (req.cb.wild && page) {
    // Dash's third condition: a callback whose Inputs are all ALL/ALLSMALLER is never pruned.
    if (req.cb.inputs.every((i) => i.multi)) return false
    const keys = inputKeys(req.call, page)
    return keys.every((k) => g.allProps.has(k)) && !keys.some((k) => g.updatedProps.has(k))
  }
  const inputs = req.cb.inputs.filter((i) => present(i.id))
  return inputs.every((i) => g.allProps.has(i.key)) && !inputs.some((i) => g.updatedProps.has(i.key))
}

/** Ready callbacks first by depth in the graph, then by registration, for a deterministic order. */
export function byPriority(graph: Graph) {
  return (a: CallbackRequest, b: CallbackRequest) =>
    graph.depth(a.cb) - graph.depth(b.cb) || byIndexThenKey(a.call, b.call)
}
