/**
 * @module run
 * Runs one wave: every requested callback and everything downstream, in dependency order, independent
 * ones concurrently (R12–R14, R17, R18, R20–R24, R27–R31, R36–R37). A callback runs at most once per
 * chain of causes; it runs again only when asked by a chain it did not cause (an output re-inserted).
 */
import type { CallbackSpec } from './callback.ts'
import { createContext, runWithContext } from './context.ts'
import { CallbackError, messages } from './errors.ts'
import type { Graph } from './graph.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import type { ComponentRecord, PageState } from './page.ts'
import {
  byPriority,
  isCallReady,
  statesFresh,
  isPrunedByGroup,
  mergeRequest,
  newGroup,
  planInserted,
  planRemoved,
  type CallbackRequest,
  type ExecutionGroup,
  type PreventInitial,
} from './plan.ts'
import {
  callOf,
  callsForInput,
  dependencyValue,
  hasOutputOnPage,
  KeySet,
  outputKeys,
  readKeys,
  resolveIds,
  subsequentKeys,
  type Call,
} from './resolve.ts'
import { isNoUpdate, noUpdate, PreventUpdate } from './sentinels.ts'
import { Batches } from './batches.ts'
import { mapGrouping, ShapeMismatch, visitReturned } from './grouping.ts'
import { matchString, type MatchValues } from './wildcards.ts'
import { collectSideUpdates, type CallScope, type InterimUpdate, type SideUpdates } from './side-updates.ts'
import { isPatch, operationsOf, Patch, type ListEdit, type PatchOperation } from './patch.ts'
import { resolveWrite, type WriteForms } from './writes.ts'
import type { CallbackContext } from './context.ts'
import { depsOf, type Binding, type Carried } from './carry.ts'
import { addCauses, caused, causedBy, type Causes } from './predecessors.ts'
import {
  insertedHandBacks,
  markPartial,
  removedHandBacks,
  writtenHandBacks,
  type HandBack,
} from './unseen.ts'

/** Dash's `on_error`: gets the error and the context; its return value is used as the outputs. */
export type ErrorHandler = (error: unknown, ctx: CallbackContext) => unknown

/** Finds the components inside a prop value (new `children`), so their callbacks can run (R20). */
export type Scanner = (value: unknown, parent: ComponentId) => ComponentRecord[]

/** Checks a returned value can be sent to the page; returns why not, or null. */
export type ValueCheck = (value: unknown) => string | null

/** Checks a value written to prop `prop` of a component of `kind` against its schema; why not, or null. */
export type PropCheck = (kind: string, prop: string, value: unknown) => string | null

export type CallbackStatus = 'updated' | 'noUpdate' | 'prevented' | 'error' | 'dropped'

export interface CallbackResult {
  readonly cb: CallbackSpec
  /** The call's identity: the callback's index, with its MATCH values (resolve.ts). */
  readonly call: string
  /** The MATCH values of this call, when the callback has MATCH. */
  readonly match?: MatchValues
  readonly changed: readonly PropKey[]
  readonly initial: boolean
  readonly status: CallbackStatus
  /** The props written: its `setProps` side updates, then its outputs in order (only those on the page). */
  readonly written: readonly PropKey[]
  /** Written props a `Patch` changed by list edits only: the page needs just these (views/results.tsx). */
  readonly edits?: ReadonlyMap<PropKey, readonly ListEdit[]>
  /** Components inserted by this result's new `children`. */
  readonly inserted: readonly ComponentId[]
  readonly error?: CallbackError
  readonly ms: number
  /** Reported while the call still runs (a background job's progress): the call goes on. */
  readonly interim?: true
  /**
   * A background job's token: announced by an interim result (the page keeps it to cancel or
   * re-attach), ended by the call's final result (the page forgets it).
   */
  readonly job?: string
}

export interface WaveOptions {
  graph: Graph
  page: PageState
  /**
   * What starts the wave: user-changed props, re-asked callbacks, or initial calls. A callback with
   * MATCH given without `match` runs for the MATCH values of its changed props.
   */
  start: Iterable<StartRequest>
  /** The group of the initial requests (page load), for R17. */
  startGroup?: ExecutionGroup | null
  prevent: PreventInitial
  /** Props that requests in flight elsewhere may still change: callbacks reading them are deferred. */
  external?: ReadonlySet<PropKey>
  scan: Scanner
  check?: ValueCheck
  /** Checks each written value against its component's schema (issue 15, item 6). */
  checkProp?: PropCheck
  /** True when components of `kind` have a prop `prop` (setProps may only set those). */
  hasProp?: (kind: string, prop: string) => boolean
  /**
   * The kind of a component the page shows that no callback involves (so the request did not carry
   * it), for `setProps`; undefined when unknown.
   */
  shownKind?: (id: ComponentId) => string | undefined
  /** How `Patch` sees and makes values (Dash's JSON form), and which list items are one element. */
  forms?: WriteForms
  /** The app-wide `onError`, for callbacks without their own. */
  onError?: ErrorHandler
  /** Prepares a new `children` value before it is applied (expands JSX components). */
  expand?: (value: unknown) => Promise<unknown>
  signal?: AbortSignal
  /** Default for callbacks without `timeoutMs`; undefined waits for ever. */
  timeoutMs?: number
  /**
   * After this many ms, a callback that would read a prop this wave did not write (and the event did
   * not change) is handed back to the client instead of run: the page may have changed that prop
   * since the request left, and the client asks again with fresh values (R14 across requests).
   */
  handBackAfterMs?: number
  /**
   * Called once, when the wave first waits for an async callback. A wave of synchronous callbacks
   * finishes within one turn of the event loop, when nothing (a client going away) can abort it: a
   * caller attaches what aborts it ({@link Wave.abort}) only here, and pays nothing otherwise.
   */
  onWait?: () => void
  /**
   * What the request vouched for (it carried only the components its chain may touch, carry.ts):
   * any other component may be on the page unseen. A call the wave would start (set off by inserted
   * components, R20, or by a `setProps` write) that reads or writes one is handed back before it
   * runs, and the browser asks for it again with the whole page.
   */
  unseen?: Carried
  /**
   * Why a `setProps` write to a component the request did not carry (known by its kind only) cannot
   * be rendered from the written props alone, or null (src/server/engine.ts).
   */
  unseenWrite?: (id: ComponentId, kind: string, props: readonly string[]) => string | null
  /** Request data callbacks' wrappers may read from their scope (side-updates.ts `currentCall`). */
  extras?: Readonly<Record<string, unknown>>
}

/** One request that starts a wave. */
export interface StartRequest {
  readonly cb: CallbackSpec
  readonly changed: readonly PropKey[]
  readonly initial?: boolean
  /** The MATCH values of the call (a deferred call asked for again, an initial call). */
  readonly match?: MatchValues | null
}

/** A callback handed back to the client, or left unfinished, with its triggers. */
export interface LeftOver {
  readonly cb: CallbackSpec
  readonly changed: PropKey[]
  /** The call's MATCH values, when the callback has MATCH. */
  readonly match?: MatchValues
}

export interface WaveOutcome {
  /** Every result, in completion order. */
  readonly results: CallbackResult[]
  /** Callbacks left waiting on requests in flight elsewhere: the client asks for them again later. */
  readonly deferred: LeftOver[]
  /** After an abort: callbacks requested or running but not finished, with their triggers. */
  readonly unfinished: LeftOver[]
  /** Client-side callbacks the wave reached, for the page to run (R45), with their triggers. */
  readonly clientside: LeftOver[]
  readonly aborted: boolean
}

/**
 * A wave under way. `results` yields each batch of results applied to the page since the previous
 * read, in completion order (one reader); `outcome` settles once the wave is over (or aborted), after
 * the last result was pushed.
 */
export interface Wave {
  readonly results: Batches<CallbackResult>
  readonly outcome: Promise<WaveOutcome>
  /** Aborts the wave (as its `signal` would): nothing more starts, running callbacks' signals abort. */
  abort(reason?: unknown): void
}

/** A request as the wave holds it. */
interface Run extends CallbackRequest {
  /**
   * Dash's `predecessors` (R37): the callbacks whose results led to it. A request its own callback
   * helped cause is dropped, so a chain never loops, while a callback asked again by an unrelated
   * chain (its output re-inserted, R20a) runs again, as in Dash.
   */
  by?: Causes[]
  /** The causes its results pass on (its own callback and `by`), made at its first result. */
  causes?: Causes
  /** R16: asked again while running; its result is dropped, a newer call follows. */
  superseded?: boolean
}

interface Settled {
  req: Run
  values: Map<PropKey, unknown> | null
  /** `setProps` calls, applied before the outputs. */
  side?: SideUpdates
  /** The keys each Output named when the call started. */
  outputs?: readonly (readonly PropKey[])[]
  status: CallbackStatus
  error?: CallbackError
  ms: number
  /** Reported while the call runs (side-updates.ts `InterimUpdate`): applied, and the call goes on. */
  interim?: true
  job?: string
}

const CHILDREN = 'children'
const NOTHING: ReadonlySet<PropKey> = new Set()

/** Starts a wave; it runs whether or not its results are read. */
export function startWave(o: WaveOptions): Wave {
  const results = new Batches<CallbackResult>()
  const scheduler = new Scheduler(o, results)
  const outcome = scheduler.run().finally(() => results.end())
  return { results, outcome, abort: (reason) => scheduler.abort(reason) }
}

/** Runs a wave to completion (or abort). */
export const runWave = (o: WaveOptions): Promise<WaveOutcome> => startWave(o).outcome

/** The state of one wave: what is queued, what is running, what it wrote, and what it gave back. */
class Scheduler {
  readonly #o: WaveOptions
  readonly #page: PageState
  /** Made when first needed: a callback reads `ctx.signal`, or the wave is aborted. */
  #controller: AbortController | null = null
  #aborted = false
  readonly #order: (a: CallbackRequest, b: CallbackRequest) => number
  /** Requests waiting to start, one per call (R13), by call key. */
  readonly #queued = new Map<string, Run>()
  /** Calls started and not yet applied, one per call: a call asked again waits for it. */
  readonly #running = new Map<string, Run>()
  readonly #settled = new Batches<Settled>()
  /** Props whose values in this wave are fresh: the event's own changes and every prop the wave writes. */
  readonly #fresh: Set<PropKey>
  /** Components this wave inserted: the server made every prop they have, so all are fresh. */
  readonly #freshIds = new Set<ComponentId>()
  /**
   * What the event itself asked for reads the request's own snapshot: never handed back, however long
   * the server took to get to it (a GC pause is no reason for another round trip).
   */
  readonly #asked: ReadonlySet<string>
  readonly #startedAt = performance.now()
  readonly #done: CallbackResult[] = []
  readonly #deferred: LeftOver[] = []
  readonly #clientside: LeftOver[] = []
  /** Props client-side callbacks handed to the page may still write: what reads them waits (R14). */
  readonly #clientBlocked = new KeySet()

  constructor(
    o: WaveOptions,
    readonly out: Batches<CallbackResult>
  ) {
    this.#o = o
    this.#page = o.page
    this.#order = byPriority(o.graph)
    for (const s of o.start) {
      for (const call of startCalls(s, o))
        mergeRequest(this.#queued, call, s.changed, s.initial ?? false, o.startGroup ?? null)
    }
    const fresh = new Set<PropKey>()
    for (const r of this.#queued.values()) for (const k of r.changed) fresh.add(k)
    this.#fresh = fresh
    this.#asked = new Set(this.#queued.keys())
  }

  /** The signal callbacks' own signals follow: the wave's own, made when first needed. */
  readonly #parent = (): AbortSignal => (this.#controller ??= new AbortController()).signal

  /** Nothing more starts; the wait for running calls ends (their results are not applied). */
  abort(reason?: unknown): void {
    if (this.#aborted) return
    this.#aborted = true
    this.#parent()
    this.#controller!.abort(reason)
    this.#settled.end()
  }

  async run(): Promise<WaveOutcome> {
    const { signal, onWait } = this.#o
    const stop = () => this.abort(signal!.reason)
    if (signal?.aborted) stop()
    else signal?.addEventListener('abort', stop, { once: true })
    let waited = false
    while (!this.#aborted) {
      this.#pruneRemoved()
      if (this.#queued.size === 0 && this.#running.size === 0) break
      for (const r of this.#ready()) this.#start(r)
      if (this.#running.size === 0) continue
      // Results already settled: no wait. The first real wait tells the caller (onWait).
      if (!this.#settled.size && !waited) {
        waited = true
        onWait?.()
      }
      const settled = this.#settled.size ? this.#settled.take() : await this.#settled.read()
      if (this.#aborted) break
      for (const s of settled) this.#apply(s)
    }
    signal?.removeEventListener('abort', stop)
    const left = leftOver
    const unfinished = this.#aborted
      ? [...[...this.#running.values()].filter((r) => !r.superseded), ...this.#queued.values()].map(left)
      : []
    return {
      results: this.#done,
      deferred: this.#deferred,
      unfinished,
      clientside: this.#clientside,
      aborted: this.#aborted,
    }
  }

  /**
   * R24 and Dash rddp001 (pruneCallbacks): a request whose outputs are all off the page is dropped
   * before it runs, wherever it came from: the start of the wave, or a write after its outputs left.
   */
  #pruneRemoved() {
    for (const [k, r] of this.#queued) if (!hasOutputOnPage(r.call, this.#page)) this.#queued.delete(k)
  }

  /**
   * R14/R15: the queued requests that may start now, by priority. When nothing can move, hands back
   * to the client those waiting only on requests in flight elsewhere, or breaks a cycle (R37).
   */
  #ready(): Run[] {
    const { graph, external } = this.#o
    const queued = this.#queued
    const running = this.#running
    // Nothing queued (only waiting on running calls), or one request and nothing running (each step
    // of a chain): nothing of this wave can block it, as its inputs are never downstream of itself
    // (the graph refuses cycles). Skips copying the downstream props of the whole chain.
    const page = this.#page
    const internal =
      queued.size === 0 || (queued.size === 1 && running.size === 0)
        ? NOTHING
        : subsequentKeys(
            graph,
            page,
            [...queued.values(), ...running.values()].map((r) => r.call)
          )
    const blocked =
      external?.size || this.#clientBlocked.size
        ? new KeySet()
            .addAll(external ?? [])
            .addAll(this.#clientBlocked.keys())
            .addAll(keysOf(internal))
        : internal
    // A call asked again while running starts once the running call has been applied.
    const ready = [...queued.values()]
      .filter(
        (r) =>
          !running.has(r.call.key) &&
          isCallReady(r.call, page, blocked) &&
          statesFresh(r.call, page, external)
      )
      .sort(this.#order)
    if (ready.length || running.size) return ready
    const waiting = [...queued.values()].sort(this.#order)
    const onlyExternal = waiting.filter((r) => isCallReady(r.call, page, internal))
    if (onlyExternal.length) {
      const server = external?.size ? new KeySet().addAll(external).addAll(keysOf(internal)) : internal
      for (const r of onlyExternal) {
        // Waiting only on client-side callbacks: the page runs it when they write (or not at all
        // when they leave their outputs alone, as Dash's R17 would).
        if (isCallReady(r.call, page, server) && statesFresh(r.call, page, external))
          this.#queued.delete(r.call.key)
        else this.#handBack(r)
      }
      return []
    }
    // Mutually blocked (only possible through a cycle): run the first to break it (R37).
    return [waiting[0]!]
  }

  /** Starts a ready request, unless R17 prunes it or it may read stale values (handed back). */
  #start(r: Run) {
    this.#queued.delete(r.call.key)
    if (isPrunedByGroup(r, (id) => this.#page.has(id), this.#page)) return
    if (r.cb.clientside) {
      // The page runs it; whatever reads its outputs waits for the page to write them.
      this.#clientside.push(leftOver({ ...r, changed: r.initial ? [] : r.changed }))
      subsequentKeys(this.#o.graph, this.#page, [r.call], this.#clientBlocked)
      return
    }
    if (this.#mayBeStale(r.call)) return this.#handBack(r)
    this.#running.set(r.call.key, r)
    // A callback that returns a value settles here, without waiting a turn (Batches.take).
    const report = (s: Settled) => this.#settled.push(s)
    const s = call(r, this.#parent, this.#o, this.#page, report)
    if (s instanceof Promise) void s.then(report)
    else report(s)
  }

  #handBack(r: Run) {
    this.#queued.delete(r.call.key)
    this.#deferred.push(leftOver(r))
  }

  /** Past `handBackAfterMs`, a callback not asked by the event that reads a prop this wave did not write. */
  #mayBeStale(call: Call): boolean {
    const after = this.#o.handBackAfterMs
    return (
      after !== undefined &&
      !this.#asked.has(call.key) &&
      performance.now() - this.#startedAt > after &&
      readKeys(call, this.#page).some(
        (k) => !this.#fresh.has(k) && !this.#freshIds.has(k.slice(0, k.lastIndexOf('.')))
      )
    )
  }

  /** R12/R13/R36/R37: queues a call of `cb`, merged with one already queued, unless it caused itself. */
  #request(
    call: Call,
    changed: readonly PropKey[],
    initial: boolean,
    group: ExecutionGroup | null,
    by: Causes | null
  ) {
    // R36/R37: caused by its own result. Like Dash, predecessors are callbacks, not calls: a MATCH
    // callback's result never asks for another call of the same callback in the same chain.
    if (caused(by, call.cb)) return
    // A call outside what the request carried: handed back before it runs (unseen.ts).
    if (this.#o.unseen && !call.cb.clientside && this.#touches(call.cb, call.match ?? {}))
      return this.#handOver({
        cb: call.cb,
        ...(call.match ? { match: call.match } : {}),
        changed: [...changed],
      })
    const running = this.#running.get(call.key)
    if (running) running.superseded = true
    mergeRequest(this.#queued, call, changed, initial, group)
    const req = this.#queued.get(call.key)!
    req.by = addCauses(req.by, by)
  }

  /** Applies a settled call to the page (R16, R18–R24), queues what it triggers and reports it. */
  #apply(s: Settled) {
    const { req, interim } = s
    const page = this.#page
    const running = this.#running.get(req.call.key) === req
    if (running && !interim) this.#running.delete(req.call.key)
    const by = (req.causes ??= causedBy(req.cb, req.by))
    let status = s.status
    if (!hasOutputOnPage(req.call, page)) status = 'dropped' // R24: its outputs left the page
    if (req.superseded) status = 'dropped' // R16: asked again while running, a newer call follows
    if (interim && !running) status = 'dropped' // reported after its call was applied
    if (req.group && !interim)
      for (const keys of s.outputs ?? outputKeys(req.call, page))
        for (const k of keys) req.group.allProps.add(k)
    let written: PropKey[] = []
    let inserted: ComponentId[] = []
    let removed: ComponentId[] = []
    let edits: Map<PropKey, ListEdit[]> | undefined
    let error = s.error
    if ((status === 'updated' || status === 'noUpdate') && (s.values?.size || s.side?.size)) {
      // R34: side updates first, then the outputs.
      try {
        const w = this.#write([...(s.side ?? []), ...(s.values ?? [])], req.cb, s.side)
        ;({ written, inserted, removed, edits } = w)
        status = written.length ? 'updated' : status === 'updated' ? 'dropped' : 'noUpdate'
      } catch (err) {
        status = 'error'
        error =
          err instanceof CallbackError
            ? err
            : new CallbackError(String((err as Error)?.message ?? err), req.cb.name, keys(req.cb), {
                cause: err,
              })
      }
    }
    if (req.group) for (const k of written) req.group.updatedProps.add(k)
    const graph = this.#o.graph
    // R12/R18: every written prop triggers its consumers, except the writer itself (R36).
    for (const key of written) {
      const handed = this.#o.unseen
        ? this.#handOverAll(writtenHandBacks(graph, key, this.#touches), by)
        : NO_KEYS
      for (const c of callsForInput(graph, page, key))
        if (!isHanded(handed, c)) this.#request(c, [key], false, null, by)
    }
    // R20/R21: callbacks of the inserted components, and R22: ALL/ALLSMALLER consumers of the
    // removed ones (a "final call" with the shorter list), in one new group.
    if (inserted.length || removed.length) {
      const group = newGroup()
      const gone = new Set(inserted)
      const plan = planInserted(graph, page, gone, this.#o.prevent)
      const u = this.#o.unseen
      const handed = u
        ? this.#handOverAll(insertedHandBacks(graph, gone, this.#o.prevent, this.#touches), null)
        : NO_KEYS
      for (const [c, keys] of plan.triggered)
        if (!isHanded(handed, c)) this.#request(c, keys, false, group, by)
      for (const c of plan.initial) if (!isHanded(handed, c)) this.#request(c, [], true, group, by)
      const left = removed.filter((id) => !page.has(id))
      const final = u ? this.#handOverAll(removedHandBacks(graph, left, this.#touches), null) : NO_KEYS
      for (const c of planRemoved(graph, page, left))
        if (!isHanded(final, c)) this.#request(c, [], true, group, by)
    }
    const result: CallbackResult = {
      cb: req.cb,
      call: req.call.key,
      ...(req.call.match ? { match: req.call.match } : {}),
      changed: req.changed,
      initial: req.initial,
      status,
      written,
      inserted,
      ...(edits?.size ? { edits } : {}),
      error,
      ms: s.ms,
      ...(interim ? { interim } : {}),
      ...(s.job !== undefined ? { job: s.job } : {}),
    }
    this.#done.push(result)
    this.out.push(result)
  }

  /** True when a callback bound by `bind` reads or writes a component the request did not carry. */
  readonly #touches = (cb: CallbackSpec, bind: Binding): boolean => {
    const u = this.#o.unseen!
    const fresh = (id: ComponentId) => this.#freshIds.has(id)
    return depsOf(cb).some((d) => u.dep(d, bind, fresh))
  }

  /** Hands a call back to the browser once (its triggers merged). */
  #handOver(h: HandBack) {
    const had = this.#deferred.find((d) => d.cb === h.cb && sameMatch(d.match, h.match))
    if (!had) return void this.#deferred.push({ ...h, changed: [...h.changed] })
    for (const k of h.changed) if (!had.changed.includes(k)) had.changed.push(k)
  }

  /**
   * Hands back the calls found (those of callbacks `by` caused are not run at all, R37); returns
   * their call keys, or a callback's index for all its calls ({@link isHanded}).
   */
  #handOverAll(found: readonly HandBack[], by: Causes | null): ReadonlySet<string> {
    if (!found.length) return NO_KEYS
    const out = new Set<string>()
    for (const h of found) {
      out.add(h.match ? callOf(h.cb, h.match).key : String(h.cb.index))
      if (!caused(by, h.cb)) this.#handOver(h)
    }
    return out
  }

  /** A `setProps` write to a component the request did not carry must render from its props alone. */
  #checkUnseenWrite(cb: CallbackSpec, id: ComponentId, kind: string, side: SideUpdates) {
    const props = [...side.keys()].map(splitKey).filter((k) => k.id === id)
    const why = this.#o.unseenWrite?.(
      id,
      kind,
      props.map((k) => k.prop)
    )
    if (why)
      throw new CallbackError(messages.unseenSideUpdate(cb.name, id, props[0]!.prop, why), cb.name, keys(cb))
  }

  /**
   * R18/R19: writes values to the page; a new `children` replaces the components inside (R24, R20).
   * A `Patch` is applied to the value the page holds (writes.ts); one that only adds or takes out
   * list items is kept as edits, and only the components of the items it adds are inserted.
   * Validation errors are thrown before anything is written.
   */
  #write(values: [PropKey, unknown][], cb: CallbackSpec, side?: SideUpdates) {
    const page = this.#page
    const written: PropKey[] = []
    const inserted: ComponentId[] = []
    const removed: ComponentId[] = []
    // Resolved in order (a setProps patch, then an output patch of the same prop) against the
    // values resolved so far, and written only once every one resolved.
    const edits = new Map<PropKey, ListEdit[]>()
    const so = new Map<PropKey, unknown>()
    const resolved = values.map(([key, value]) => {
      const { id, prop } = splitKey(key)
      let rec = page.get(id)
      // setProps on a component the page shows but no callback involves: known for this request.
      const shown = !rec && side?.has(key) ? this.#o.shownKind?.(id) : undefined
      if (shown) {
        // Not carried by the request: known by its kind and the props written only (unseen.ts).
        const partial = this.#o.unseen?.id(id) ?? false
        if (partial) this.#checkUnseenWrite(cb, id, shown, side!)
        page.add((rec = { id, kind: shown, props: {}, parent: null }))
        if (partial) markPartial(rec)
      }
      if (!rec) return null
      const now = so.has(key) ? { ...rec, props: { ...rec.props, [prop]: so.get(key) } } : rec
      const w = { key, ...resolveWrite(cb, now, key, value, this.#o) }
      if (w.known) so.set(key, w.value)
      return w
    })
    for (const w of resolved) {
      if (!w) continue // R18: an id no longer on the page is ignored
      const { key, value, edits: e } = w
      const { id, prop } = splitKey(key)
      if (w.known) page.set(key, value)
      if (!written.includes(key)) written.push(key)
      this.#fresh.add(key)
      const had = edits.get(key)
      if (e) edits.set(key, had ? [...had, ...e] : e)
      else edits.delete(key) // written whole after: the page gets the whole value
      if (prop === CHILDREN) {
        // R19/R24: the replaced subtree is gone; with edits, only the removed items' components.
        if (!e) removed.push(...page.removeInside(id))
        else for (const gone of w.removed ?? []) removed.push(...page.removeSubtree(gone))
        const recs = e
          ? e.flatMap((x) => ('items' in x ? this.#o.scan(x.items, id) : []))
          : this.#o.scan(value, id)
        for (const r of recs) (page.add(r), this.#freshIds.add(r.id))
        inserted.push(...recs.map((r) => r.id))
      }
    }
    return { written, inserted, removed, edits }
  }
}

const NO_KEYS: ReadonlySet<string> = new Set()

/** True when a call was handed back, alone or with every call of its callback. */
const isHanded = (handed: ReadonlySet<string>, c: Call) =>
  handed.size > 0 && (handed.has(c.key) || handed.has(String(c.cb.index)))

const sameMatch = (a: MatchValues | undefined, b: MatchValues | undefined) =>
  a === b || (!!a && !!b && matchString(a) === matchString(b))

const leftOver = (r: Run): LeftOver =>
  r.call.match ? { cb: r.cb, changed: r.changed, match: r.call.match } : { cb: r.cb, changed: r.changed }

/** The keys of a set that is either a plain Set or a {@link KeySet} (its exact keys). */
const keysOf = (s: ReadonlySet<PropKey> | KeySet): Iterable<PropKey> => (s instanceof KeySet ? s.keys() : s)

/** The calls a start request stands for (a callback with MATCH given without its MATCH values). */
function startCalls(s: StartRequest, o: WaveOptions): Call[] {
  if (s.match !== undefined || s.cb.matchKeys.length === 0) return [callOf(s.cb, s.match ?? null)]
  const out: Call[] = []
  const add = (c: Call) => c.cb === s.cb && !out.some((x) => x.key === c.key) && out.push(c)
  for (const k of s.changed) for (const c of callsForInput(o.graph, o.page, k)) add(c)
  return out.length ? out : [callOf(s.cb)]
}

// ─── one call ───────────────────────────────────────────────────────────────────────────────

function call(
  req: Run,
  parentOf: () => AbortSignal,
  o: WaveOptions,
  page: PageState,
  report: (s: Settled) => void
): Settled | Promise<Settled> {
  const { cb } = req
  const match = req.call.match
  const defaultTimeout = o.timeoutMs
  const deps = [...cb.inputs, ...cb.states]
  const values = cb.wild
    ? deps.map((d) => dependencyValue(d, match, page))
    : deps.map((d) => page.value(d.key))
  // Outputs are resolved when the call starts (Dash: when it is dispatched): an ALL Output's list.
  const outputs = cb.wild ? outputKeys(req.call, page) : cb.outputs.map((d) => [d.key])
  const args = cb.args.map((shape) =>
    typeof shape === 'number' ? values[shape] : mapGrouping(shape, (n) => values[n])
  )
  const timeout = cb.timeoutMs ?? defaultTimeout
  // The callback's own signal is made when first needed (reading ctx.signal, or an async callback):
  // an AbortController costs microseconds, and most callbacks are synchronous and never read it.
  let controller: AbortController | null = null
  let parent: AbortSignal | null = null
  const onAbort = () => controller!.abort(parent!.reason)
  const own = () => {
    if (!controller) {
      controller = new AbortController()
      parent = parentOf()
      if (parent.aborted) controller.abort(parent.reason)
      else parent.addEventListener('abort', onAbort, { once: true })
    }
    return controller
  }
  const resolved = cb.wild
    ? {
        reads: deps.map((d) => resolveIds(d, match, page)),
        outputs: cb.outputs.map((d) => resolveIds(d, match, page)),
      }
    : undefined
  const context = createContext(cb, req.initial ? [] : req.changed, values, () => own().signal, resolved)
  const t0 = performance.now()
  const ms = () => Math.round((performance.now() - t0) * 1000) / 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  // Updates the call reports while it runs, applied in order, each before the next and all before
  // its result: checked and expanded as side updates are (below).
  let reported: Promise<void> | null = null
  const interim = (u: InterimUpdate) => {
    reported = (reported ?? Promise.resolve()).then(async () => {
      try {
        const side = new Map(u.side ?? [])
        checkSide(cb, side, page, o)
        if (o.expand) await expandChildren(side, o.expand)
        report({
          req,
          values: null,
          side,
          status: side.size ? 'updated' : 'noUpdate',
          interim: true,
          job: u.job,
          ms: ms(),
        })
      } catch (err) {
        report({
          req,
          values: null,
          status: 'error',
          interim: true,
          error: asCallbackError(err, cb),
          ms: ms(),
        })
      }
    })
  }
  const scope: CallScope = { side: new Map(), call: req.call.key, interim, extras: o.extras }
  /** Runs `fn` with the context and the call's scope; an async one within the timeout. */
  // Not async: a synchronous callback settles without waiting a turn (as before side updates).
  const invoke = (fn: () => unknown): unknown => {
    const out = collectSideUpdates(scope, () => runWithContext(context, fn, cb))
    if (!(out instanceof Promise)) return out
    clearTimeout(timer)
    return timeout === undefined
      ? out
      : Promise.race([
          out,
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              controller?.abort()
              reject(new CallbackError(messages.timedOut(cb.name, timeout), cb.name, keys(cb)))
            }, timeout)
          }),
        ])
  }
  const side = scope.side
  const cleanup = () => {
    clearTimeout(timer)
    ;(parent as AbortSignal | null)?.removeEventListener('abort', onAbort)
  }
  const failed = (err: unknown): Settled => {
    // `throw PreventUpdate` (the class, as Python's `raise PreventUpdate`) counts as well as an instance.
    if (err instanceof PreventUpdate || err === PreventUpdate)
      return { req, values: null, outputs, status: 'prevented', ms: ms(), ...jobOf(scope) }
    const error = asCallbackError(err, cb)
    return { req, values: null, outputs, status: 'error', error, ms: ms(), ...jobOf(scope) }
  }
  /** Dash's on_error: its return value is used as the outputs (nothing: noUpdate for all). */
  const recover = (err: unknown): unknown => {
    const handler = cb.onError ?? o.onError
    if (!handler || err instanceof PreventUpdate || err === PreventUpdate) throw err
    const value = invoke(() => handler(err, context))
    const use = (v: unknown) =>
      v === undefined || v === null ? (cb.outputs.length ? noUpdate : undefined) : v
    return value instanceof Promise ? value.then(use) : use(value)
  }
  /**
   * The outputs and side updates of a returned value: a promise only when `children` need expanding
   * or updates the call reported while it ran are still being applied.
   */
  const settle = (out: unknown): Settled | Promise<Settled> => {
    const values = shape(cb, outputs, out, o.check)
    checkSide(cb, side, page, o)
    if (o.checkProp) checkProps(cb, values, page, o.checkProp)
    const status = values.size || side.size ? 'updated' : 'noUpdate'
    const expand = o.expand
    const done = (): Settled => ({ req, values, side, outputs, status, ms: ms(), ...jobOf(scope) })
    if (!reported && (!expand || (!needsExpand(side) && !needsExpand(values)))) return done()
    return (async () => {
      if (expand) for (const m of [side, values]) await expandChildren(m, expand)
      if (reported) await reported
      return done()
    })()
  }
  const failedAfterReports = async (err: unknown) => {
    if (reported) await reported
    return failed(err)
  }
  // Synchronous all the way for a callback that returns a value: no promise, no turn waited.
  let out: unknown
  try {
    try {
      out = invoke(() => (cb.fn as (...a: unknown[]) => unknown)(...args, context))
    } catch (err) {
      out = recover(err)
    }
    if (!(out instanceof Promise)) {
      const done = settle(out)
      if (!(done instanceof Promise)) {
        cleanup()
        return done
      }
      return done.catch(failedAfterReports).finally(cleanup)
    }
  } catch (err) {
    if (reported) return failedAfterReports(err).finally(cleanup)
    cleanup()
    return failed(err)
  }
  const pending = out
  return (async (): Promise<Settled> => {
    try {
      let v: unknown
      try {
        v = await pending
      } catch (err) {
        v = await recover(err)
      }
      return await settle(v)
    } catch (err) {
      return await failedAfterReports(err)
    } finally {
      cleanup()
    }
  })()
}

/** True when a `children` written is more than text: its JSX is expanded (asynchronously) first. */
function needsExpand(m: ReadonlyMap<PropKey, unknown>): boolean {
  for (const [k, v] of m)
    if (k.endsWith(`.${CHILDREN}`) && typeof v !== 'string' && typeof v !== 'number') return true
  return false
}

const keys = (cb: CallbackSpec) => cb.outputs.map((d) => d.key)

const jobOf = (scope: CallScope) => (scope.job === undefined ? {} : { job: scope.job })

function asCallbackError(err: unknown, cb: CallbackSpec): CallbackError {
  return err instanceof CallbackError
    ? err
    : new CallbackError(err instanceof Error ? err.message : String(err), cb.name, keys(cb), { cause: err })
}

/** Expands every new `children` value of `m` in place (JSX components, a patch's new items). */
async function expandChildren(m: Map<PropKey, unknown>, expand: (v: unknown) => Promise<unknown>) {
  for (const [key, v] of m) if (key.endsWith(`.${CHILDREN}`)) m.set(key, await expandValue(v, expand))
}

/** Why a patch's values cannot go to the page, or null. */
function patchProblem(p: Parameters<typeof operationsOf>[0], check: ValueCheck | undefined): string | null {
  for (const op of operationsOf(p)) {
    const why = op.params.value === undefined ? null : check?.(op.params.value)
    if (why) return why
  }
  return null
}

/** Expands the new items a patch of `children` carries, or a whole new `children` value. */
async function expandValue(v: unknown, expand: (v: unknown) => Promise<unknown>): Promise<unknown> {
  if (!isPatch(v)) return expand(v)
  const ops: PatchOperation[] = []
  for (const op of operationsOf(v)) {
    const value = op.params.value
    if (value === undefined) ops.push(op)
    else {
      // A list of items (extend) stays a list: each item is expanded on its own.
      const e = Array.isArray(value) ? await Promise.all(value.map(expand)) : await expand(value)
      ops.push({ ...op, params: { ...op.params, value: e } })
    }
  }
  return new Patch([], ops)
}

/**
 * R34 and issue 13: `setProps` may only set props of components on the page (or shown by it with no
 * callback involved), and only props those components have; values are checked as outputs are.
 */
function checkSide(cb: CallbackSpec, side: SideUpdates, page: PageState, o: WaveOptions): void {
  for (const [key, value] of side) {
    const { id, prop } = splitKey(key)
    const kind = page.get(id)?.kind ?? o.shownKind?.(id)
    const fail = (why: string) => {
      throw new CallbackError(messages.badSideUpdate(cb.name, id, prop, why), cb.name, keys(cb))
    }
    if (kind === undefined && o.unseen?.id(id))
      throw new CallbackError(
        messages.unseenSideUpdate(
          cb.name,
          id,
          prop,
          "the app's layout does not hold it, so its kind is unknown"
        ),
        cb.name,
        keys(cb)
      )
    if (kind === undefined) fail(`there is no component '${id}' on the page`)
    else if (o.hasProp && !o.hasProp(kind, prop)) fail(`a ${kind} has no prop '${prop}'`)
    else if (!isPatch(value)) {
      const why = o.checkProp?.(kind, prop, value)
      if (why) fail(`a ${kind} does not accept this value: ${why}`)
    }
  }
}

/** Refuses values the written components' schemas refuse (a value they could not render). */
export function checkProps(
  cb: CallbackSpec,
  values: ReadonlyMap<PropKey, unknown>,
  page: PageState,
  check: PropCheck
): void {
  for (const [key, value] of values) {
    const { id, prop } = splitKey(key)
    const rec = page.get(id)
    if (!rec || isPatch(value)) continue // a patch is checked once applied (writes.ts)
    const why = check(rec.kind, prop, value)
    if (why)
      throw new CallbackError(messages.invalidProp(cb.name, id, rec.kind, prop, why), cb.name, keys(cb))
  }
}

/**
 * R28/R31: turns a return value into the outputs to write, dropping `noUpdate` positions. `outputs`
 * holds the keys each Output names on the page: an ALL Output's value is a list of that length.
 */
function shape(
  cb: CallbackSpec,
  outputs: readonly (readonly PropKey[])[],
  out: unknown,
  check: ValueCheck | undefined
): Map<PropKey, unknown> {
  const values = new Map<PropKey, unknown>()
  const fail = (message: string): never => {
    throw new CallbackError(message, cb.name, keys(cb))
  }
  if (cb.outputs.length === 0) {
    if (out !== undefined && out !== null && !isNoUpdate(out)) {
      fail(
        `No-output callback ${cb.name} received return value: ${String(out).slice(0, 80)}. Return nothing.`
      )
    }
    return values
  }
  if (isNoUpdate(out)) return values
  const put = (key: PropKey, v: unknown) => {
    if (isNoUpdate(v)) return
    if (v === undefined) v = null
    const why = isPatch(v) ? patchProblem(v, check) : check?.(v)
    if (why) fail(messages.notSerialisable(cb.name, key, why))
    values.set(key, v)
  }
  const leaf = (i: number, v: unknown) => {
    const d = cb.outputs[i]!
    const names = outputs[i] ?? []
    if (!d.multi) {
      if (names.length) put(names[0]!, v)
      return
    }
    if (isNoUpdate(v)) return
    // R31: an ALL Output takes a list with one value per component it names, in document order.
    if (!Array.isArray(v) || v.length !== names.length)
      fail(messages.wildcardWrongLength(cb.name, d.key, names.length, v))
    names.forEach((k, j) => put(k, (v as unknown[])[j]))
  }
  if (!cb.multi) {
    leaf(0, out)
    return values
  }
  if (!cb.usingOutputsGrouping) {
    if (!Array.isArray(out)) fail(messages.multiNotArray(cb.name, cb.outputs.length, out))
    const list = out as unknown[]
    if (list.length !== cb.outputs.length)
      fail(messages.multiWrongLength(cb.name, cb.outputs.length, list.length))
    list.forEach((v, i) => leaf(i, v))
    return values
  }
  try {
    visitReturned(cb.outputsShape, out, leaf, isNoUpdate)
  } catch (err) {
    if (err instanceof ShapeMismatch) fail(messages.groupingMismatch(cb.name, err.message))
    throw err
  }
  return values
}
