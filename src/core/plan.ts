/**
 * @module plan
 * Pure planning rules: which callbacks an event requests, which are ready, which wait (R6–R8,
 * R11, R13, R14, R17, R20–R21). No I/O: functions of (graph, page, what changed).
 */
import type { CallbackSpec } from './callback.ts'
import type { Graph } from './graph.ts'
import type { ComponentId, PropKey } from './ids.ts'
import type { PageState } from './page.ts'

/** Callbacks queued by one layout load or insertion share a group (R17). */
export interface ExecutionGroup {
  /** Every prop the group's finished members could have written. */
  readonly allProps: Set<PropKey>
  /** The props they did write. */
  readonly updatedProps: Set<PropKey>
}

export const newGroup = (): ExecutionGroup => ({ allProps: new Set(), updatedProps: new Set() })

/** A request to run one callback, as Dash's renderer keeps it (R13: one per callback, merged). */
export interface CallbackRequest {
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
  queue: Map<CallbackSpec, CallbackRequest>,
  cb: CallbackSpec,
  changed: readonly PropKey[],
  initial: boolean,
  group: ExecutionGroup | null
): void {
  const had = queue.get(cb)
  if (!had) {
    queue.set(cb, { cb, changed: [...changed], initial: initial && changed.length === 0, group })
    return
  }
  for (const k of changed) if (!had.changed.includes(k)) had.changed.push(k)
  had.initial = had.changed.length === 0 && (had.initial || initial)
  had.group ??= group
}

/** R8: drops candidates whose every Input is missing or produced only by a dropped candidate. */
function excludeAllInputsMissing(candidates: CallbackSpec[], present: (id: ComponentId) => boolean) {
  const excluded = new Set<PropKey>()
  let kept = candidates
  for (let changed = true; changed;) {
    changed = false
    kept = kept.filter((cb) => {
      if (cb.inputs.length === 0) return true
      const dead = cb.inputs.every((i) => !present(i.id) || excluded.has(i.key))
      if (dead) {
        for (const o of cb.outputs) excluded.add(o.key)
        changed = true
      }
      return !dead
    })
  }
  return kept
}

/**
 * The initial calls of a page load (R6–R8, R25): every callback with an Output on the page, unless
 * `preventInitialCall`, minus those whose Inputs are all missing. No-output callbacks follow R7.
 */
export function planInitial(graph: Graph, page: PageState, prevent: PreventInitial): CallbackSpec[] {
  const found = new Set<CallbackSpec>()
  for (const id of page.ids()) for (const cb of graph.callbacksWithOutputOn(id)) found.add(cb)
  for (const cb of graph.callbacks) {
    if (cb.outputs.length === 0 && (cb.inputs.length === 0 || cb.inputs.some((i) => page.has(i.id))))
      found.add(cb)
  }
  const ordered = [...found].filter((cb) => !prevent(cb)).sort((a, b) => a.index - b.index)
  return excludeAllInputsMissing(ordered, (id) => page.has(id))
}

/**
 * Requests caused by components inserted into the page (R20–R21), `chunk` being their ids:
 * (a) a callback with an Output in the chunk gets an initial call unless `preventInitialCall`;
 * (b) a callback with an Input in the chunk is triggered by it, whatever `preventInitialCall`
 *     says, if one of its Outputs is on the page outside the chunk.
 * `present` says which ids may be on the page (by default: those the page holds).
 */
export function planInserted(
  graph: Graph,
  page: PageState,
  chunk: ReadonlySet<ComponentId>,
  prevent: PreventInitial,
  present: (id: ComponentId) => boolean = (id) => page.has(id)
): { initial: CallbackSpec[]; triggered: Map<CallbackSpec, PropKey[]> } {
  const initial = new Set<CallbackSpec>()
  const triggered = new Map<CallbackSpec, PropKey[]>()
  for (const id of chunk) {
    for (const cb of graph.callbacksWithOutputOn(id)) if (!prevent(cb)) initial.add(cb)
    for (const cb of graph.callbacksWithInputOn(id)) {
      const outside = cb.outputs.some((o) => present(o.id) && !chunk.has(o.id))
      if (!outside) continue
      const keys = triggered.get(cb) ?? []
      for (const i of cb.inputs) if (i.id === id && !keys.includes(i.key)) keys.push(i.key)
      triggered.set(cb, keys)
    }
  }
  // R8 runs over every callback of the chunk, triggered ones included (Dash's getLayoutCallbacks): a
  // callback whose only inserted Inputs are outputs of dropped initial calls is dropped as well.
  const candidates = [...new Set([...initial, ...triggered.keys()])].sort((a, b) => a.index - b.index)
  const kept = new Set(excludeAllInputsMissing(candidates, present))
  for (const cb of triggered.keys()) if (!kept.has(cb)) triggered.delete(cb)
  return { initial: candidates.filter((cb) => kept.has(cb) && !triggered.has(cb)), triggered }
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

/**
 * R14: ready when no Input (other than its own outputs, R36) may still be written by a pending
 * callback. Fresh State (a deliberate difference from Dash, docs/porting.md): a State that a request
 * in flight elsewhere (`external`) may still write blocks as well, so it is read after that request
 * lands. Within one wave a State never blocks (R14 as in Dash): the wave's own order already writes
 * it first when it can.
 */
export function isReady(
  cb: CallbackSpec,
  blocked: ReadonlySet<PropKey>,
  external: ReadonlySet<PropKey> = NO_PROPS
): boolean {
  for (const i of cb.inputs) {
    if (blocked.has(i.key) && !cb.outputs.some((o) => o.key === i.key)) return false
  }
  if (external.size) for (const s of cb.states) if (external.has(s.key)) return false
  return true
}

const NO_PROPS: ReadonlySet<PropKey> = new Set()

/**
 * R17: a callback of a load/insertion group is dropped when none of its Inputs was written by the
 * group and every Input is an output of a group member that has finished. Like Dash (which reads the
 * resolved inputs), only Inputs whose component is `present` on the page count.
 */
export function isPrunedByGroup(
  req: CallbackRequest,
  present: (id: ComponentId) => boolean = () => true
): boolean {
  const g = req.group
  if (!g || req.cb.inputs.length === 0) return false
  const inputs = req.cb.inputs.filter((i) => present(i.id))
  return inputs.every((i) => g.allProps.has(i.key)) && !inputs.some((i) => g.updatedProps.has(i.key))
}

/** Ready callbacks first by depth in the graph, then by registration, for a deterministic order. */
export function byPriority(graph: Graph) {
  return (a: CallbackRequest, b: CallbackRequest) =>
    graph.depth(a.cb) - graph.depth(b.cb) || a.cb.index - b.cb.index
}
