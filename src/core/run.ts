/**
 * @module run
 * Runs one wave: every requested callback and everything downstream, in dependency order, independent
 * ones concurrently (R12–R14, R17, R18, R20–R24, R27–R31, R36–R37). A callback runs at most once per
 * chain of causes; it runs again only when asked by a chain it did not cause (an output re-inserted).
 */
import type { CallbackSpec } from './callback.ts'
import { createContext, runWithContext, type CallbackContext } from './context.ts'
import { CallbackError, messages } from './errors.ts'
import type { Graph } from './graph.ts'
import { splitKey, type ComponentId, type PropKey } from './ids.ts'
import type { ComponentRecord, PageState } from './page.ts'
import {
  byPriority,
  isPrunedByGroup,
  isReady,
  mergeRequest,
  newGroup,
  pendingOutputs,
  planInserted,
  type CallbackRequest,
  type ExecutionGroup,
  type PreventInitial,
} from './plan.ts'
import { isNoUpdate, PreventUpdate } from './sentinels.ts'
import { Batches } from './batches.ts'

/** Finds the components inside a prop value (new `children`), so their callbacks can run (R20). */
export type Scanner = (value: unknown, parent: ComponentId) => ComponentRecord[]

/** Checks a returned value can be sent to the page; returns why not, or null. */
export type ValueCheck = (value: unknown) => string | null

export type CallbackStatus = 'updated' | 'noUpdate' | 'prevented' | 'error' | 'dropped'

export interface CallbackResult {
  readonly cb: CallbackSpec
  readonly changed: readonly PropKey[]
  readonly initial: boolean
  readonly status: CallbackStatus
  /** The outputs written, in the callback's output order (only those on the page). */
  readonly written: readonly PropKey[]
  /** Components inserted by this result's new `children`. */
  readonly inserted: readonly ComponentId[]
  readonly error?: CallbackError
  readonly ms: number
}

export interface WaveOptions {
  graph: Graph
  page: PageState
  /** What starts the wave: user-changed props, re-asked callbacks, or initial calls. */
  start: Iterable<{ cb: CallbackSpec; changed: readonly PropKey[]; initial?: boolean }>
  /** The group of the initial requests (page load), for R17. */
  startGroup?: ExecutionGroup | null
  prevent: PreventInitial
  /** Props that requests in flight elsewhere may still change: callbacks reading them are deferred. */
  external?: ReadonlySet<PropKey>
  scan: Scanner
  check?: ValueCheck
  /**
   * Prepares a new `children` value before it is applied (expands JSX components). Text and numbers
   * are kept as they are without a call (a boolean becomes null, as expand renders it: nothing).
   */
  expand?: (value: unknown) => Promise<unknown>
  signal?: AbortSignal
  /**
   * Called once, when the wave first waits for an async callback. A wave of synchronous callbacks
   * finishes within one turn of the event loop, when nothing (a client going away) can abort it: a
   * caller attaches what aborts it ({@link Wave.abort}) only here, and pays nothing otherwise.
   */
  onWait?: () => void
  /** Default for callbacks without `timeoutMs`; undefined waits for ever. */
  timeoutMs?: number
  /**
   * After this many ms, a callback that would read a prop this wave did not write (and the event did
   * not change) is handed back to the client instead of run: the page may have changed that prop
   * since the request left, and the client asks again with fresh values (R14 across requests).
   */
  handBackAfterMs?: number
  /**
   * Ids the request said nothing about (it carried only the components its chain may touch): they
   * may be on the page. A callback reading or writing one (set off by inserted components, R20) is
   * handed back, and the browser asks for it again with the whole page.
   */
  unseen?: (id: ComponentId) => boolean
}

/** A callback handed back to the client, or left unfinished, with its triggers. */
export interface LeftOver {
  readonly cb: CallbackSpec
  readonly changed: PropKey[]
}

export interface WaveOutcome {
  /** Every result, in completion order. */
  readonly results: CallbackResult[]
  /** Callbacks left waiting on requests in flight elsewhere: the client asks for them again later. */
  readonly deferred: LeftOver[]
  /** After an abort: callbacks requested or running but not finished, with their triggers. */
  readonly unfinished: LeftOver[]
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
  by?: Set<CallbackSpec>
  /** R16: asked again while running; its result is dropped, a newer call follows. */
  superseded?: boolean
}

interface Settled {
  req: Run
  values: Map<PropKey, unknown> | null
  status: CallbackStatus
  error?: CallbackError
  ms: number
}

const CHILDREN = 'children'
const NOTHING: ReadonlySet<PropKey> = new Set()
const NONE: ReadonlySet<CallbackSpec> = new Set()

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
  /** Requests waiting to start, one per callback (R13). */
  readonly #queued = new Map<CallbackSpec, Run>()
  /** Calls started and not yet applied, one per callback: a callback asked again waits for it. */
  readonly #running = new Map<CallbackSpec, Run>()
  readonly #settled = new Batches<Settled>()
  /** Props whose values in this wave are fresh: the event's own changes and every prop the wave writes. */
  readonly #fresh: Set<PropKey>
  /**
   * What the event itself asked for reads the request's own snapshot: never handed back, however long
   * the server took to get to it (a GC pause is no reason for another round trip).
   */
  readonly #asked: ReadonlySet<CallbackSpec>
  readonly #startedAt = performance.now()
  readonly #done: CallbackResult[] = []
  readonly #deferred: LeftOver[] = []

  constructor(
    o: WaveOptions,
    readonly out: Batches<CallbackResult>
  ) {
    this.#o = o
    this.#page = o.page
    this.#order = byPriority(o.graph)
    for (const s of o.start)
      mergeRequest(this.#queued, s.cb, s.changed, s.initial ?? false, o.startGroup ?? null)
    this.#fresh = new Set([...this.#queued.values()].flatMap((r) => r.changed))
    this.#asked = new Set(this.#queued.keys())
  }

  /** The signal callbacks' own signals follow: the caller's, or the wave's own (for {@link abort}). */
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
      // Synchronous callbacks have settled already: no wait, no turn of the event loop.
      if (!this.#settled.size && !waited) {
        waited = true
        onWait?.()
      }
      const settled = this.#settled.size ? this.#settled.take() : await this.#settled.read()
      if (this.#aborted) break
      for (const s of settled) this.#apply(s)
    }
    signal?.removeEventListener('abort', stop)
    const aborted = this.#aborted
    const left = (r: Run): LeftOver => ({ cb: r.cb, changed: r.changed })
    const unfinished = aborted
      ? [...[...this.#running.values()].filter((r) => !r.superseded), ...this.#queued.values()].map(left)
      : []
    return { results: this.#done, deferred: this.#deferred, unfinished, aborted }
  }

  /**
   * R24 and Dash rddp001 (pruneCallbacks): a request whose outputs are all off the page is dropped
   * before it runs, wherever it came from: the start of the wave, or a write after its outputs left.
   */
  #pruneRemoved() {
    const unseen = this.#o.unseen
    for (const cb of this.#queued.keys())
      if (outputsGone(cb, this.#page) && !(unseen && cb.outputs.some((d) => unseen(d.id))))
        this.#queued.delete(cb)
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
    const internal =
      queued.size === 0 || (queued.size === 1 && running.size === 0)
        ? NOTHING
        : pendingOutputs(graph, [...queued.keys(), ...running.keys()])
    const blocked = external?.size ? new Set([...internal, ...external]) : internal
    // A callback asked again while running starts once the running call has been applied.
    const ready = [...queued.values()]
      .filter((r) => !running.has(r.cb) && isReady(r.cb, blocked, external))
      .sort(this.#order)
    if (ready.length || running.size) return ready
    const waiting = [...queued.values()].sort(this.#order)
    const onlyExternal = waiting.filter((r) => isReady(r.cb, internal))
    if (onlyExternal.length) {
      for (const r of onlyExternal) this.#handBack(r)
      return []
    }
    // Mutually blocked (only possible through a cycle): run the first to break it (R37).
    return [waiting[0]!]
  }

  /** Starts a ready request, unless R17 prunes it or it may read stale values (handed back). */
  #start(r: Run) {
    this.#queued.delete(r.cb)
    if (this.#touchesUnseen(r.cb)) return this.#handBack(r)
    if (isPrunedByGroup(r, (id) => this.#page.has(id))) return
    if (this.#mayBeStale(r.cb)) return this.#handBack(r)
    this.#running.set(r.cb, r)
    const s = call(r, this.#parent, this.#o, this.#page)
    if (s instanceof Promise) void s.then((x) => this.#settled.push(x))
    else this.#settled.push(s)
  }

  #handBack(r: Run) {
    this.#queued.delete(r.cb)
    this.#deferred.push({ cb: r.cb, changed: r.changed })
  }

  /** A callback reading or writing a component the request did not say anything about. */
  #touchesUnseen(cb: CallbackSpec): boolean {
    const unseen = this.#o.unseen
    if (!unseen) return false
    for (const d of cb.inputs) if (unseen(d.id)) return true
    for (const d of cb.states) if (unseen(d.id)) return true
    for (const d of cb.outputs) if (unseen(d.id)) return true
    return false
  }

  /** Past `handBackAfterMs`, a callback not asked by the event that reads a prop this wave did not write. */
  #mayBeStale(cb: CallbackSpec): boolean {
    const after = this.#o.handBackAfterMs
    return (
      after !== undefined &&
      !this.#asked.has(cb) &&
      performance.now() - this.#startedAt > after &&
      [...cb.inputs, ...cb.states].some((d) => !this.#fresh.has(d.key))
    )
  }

  /** R12/R13/R36/R37: queues a call of `cb`, merged with one already queued, unless it caused itself. */
  #request(
    cb: CallbackSpec,
    changed: readonly PropKey[],
    initial: boolean,
    group: ExecutionGroup | null,
    by: ReadonlySet<CallbackSpec>
  ) {
    if (by.has(cb)) return // R36/R37: caused by its own result
    const running = this.#running.get(cb)
    if (running) running.superseded = true
    mergeRequest(this.#queued, cb, changed, initial, group)
    const req = this.#queued.get(cb)!
    req.by ??= new Set()
    for (const c of by) req.by.add(c)
  }

  /** Applies a settled call to the page (R16, R18–R24), queues what it triggers and reports it. */
  #apply(s: Settled) {
    const { req } = s
    const page = this.#page
    if (this.#running.get(req.cb) === req) this.#running.delete(req.cb)
    const by = new Set(req.by ?? NONE).add(req.cb)
    let status = s.status
    if (outputsGone(req.cb, page)) status = 'dropped' // R24: its outputs left the page
    if (req.superseded) status = 'dropped' // R16: asked again while running, a newer call follows
    const { written, inserted } =
      status === 'updated' && s.values ? this.#write(s.values) : { written: [], inserted: [] }
    if (status === 'updated' && written.length === 0 && s.values!.size > 0) status = 'dropped'
    if (req.group) {
      for (const d of req.cb.outputs) req.group.allProps.add(d.key)
      for (const k of written) req.group.updatedProps.add(k)
    }
    // R12/R18: every written prop triggers its consumers, except the writer itself (R36).
    for (const key of written) {
      for (const cb of this.#o.graph.consumers(key)) this.#request(cb, [key], false, null, by)
    }
    // R20/R21: callbacks of the inserted components, in one new group.
    if (inserted.length) {
      const group = newGroup()
      const unseen = this.#o.unseen
      const present = unseen ? (id: ComponentId) => page.has(id) || unseen(id) : undefined
      const plan = planInserted(this.#o.graph, page, new Set(inserted), this.#o.prevent, present)
      for (const [cb, keys] of plan.triggered) this.#request(cb, keys, false, group, by)
      for (const cb of plan.initial) this.#request(cb, [], true, group, by)
    }
    const result: CallbackResult = {
      cb: req.cb,
      changed: req.changed,
      initial: req.initial,
      status,
      written,
      inserted,
      error: s.error,
      ms: s.ms,
    }
    this.#done.push(result)
    this.out.push(result)
  }

  /** R18/R19: writes values to the page; a new `children` replaces the components inside (R24, R20). */
  #write(values: Map<PropKey, unknown>) {
    const page = this.#page
    const written: PropKey[] = []
    const inserted: ComponentId[] = []
    for (const [key, value] of values) {
      if (!page.set(key, value)) continue // R18: an id no longer on the page is ignored
      written.push(key)
      this.#fresh.add(key)
      const { id, prop } = splitKey(key)
      if (prop === CHILDREN) {
        page.removeInside(id) // R19/R24: the replaced subtree is gone
        const recs = this.#o.scan(value, id)
        for (const r of recs) page.add(r)
        inserted.push(...recs.map((r) => r.id))
      }
    }
    return { written, inserted }
  }
}

/** R24: a callback with outputs, none of which is on the page any more. */
const outputsGone = (cb: CallbackSpec, page: PageState) =>
  cb.outputs.length > 0 && !cb.outputs.some((d) => page.has(d.id))

// ─── one call ───────────────────────────────────────────────────────────────────────────────

/**
 * Runs one callback. A callback that returns a value (not a promise) settles synchronously: no
 * promise, no AbortController, no AsyncLocalStorage frame (context.ts) unless it reads `ctx.signal`.
 */
function call(
  req: Run,
  parentOf: () => AbortSignal,
  o: WaveOptions,
  page: PageState
): Settled | Promise<Settled> {
  const { cb } = req
  const args = [...cb.inputs, ...cb.states].map((d) => page.value(d.key))
  // The callback's own signal is made when first read (ctx.signal): an AbortController and a
  // listener cost microseconds, and most callbacks never read it.
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
  const release = () => {
    if (parent) parent.removeEventListener('abort', onAbort)
  }
  const context = createContext(cb, req.initial ? [] : req.changed, args, () => own().signal)
  const t0 = performance.now()
  const ms = () => Math.round((performance.now() - t0) * 1000) / 1000
  let out: unknown
  try {
    out = invoke(cb, context, args)
    if (out instanceof Promise) return settleAsync(req, out, o, t0, () => controller, release)
    const values = shape(cb, out, o.check)
    if (o.expand && needsExpand(values)) return expandAsync(req, values, o, ms, release)
    release()
    return { req, values, status: values.size ? 'updated' : 'noUpdate', ms: ms() }
  } catch (err) {
    release()
    return failed(req, err, ms())
  }
}

/** Runs the callback's function with its context readable through `ctx` (context.ts). */
function invoke(cb: CallbackSpec, context: CallbackContext, args: unknown[]): unknown {
  const fn = () => (cb.fn as (...a: unknown[]) => unknown)(...args, context)
  return runWithContext(context, fn, cb)
}

/** The rest of an async callback: its timeout, then its outputs. */
async function settleAsync(
  req: Run,
  pending: Promise<unknown>,
  o: WaveOptions,
  t0: number,
  controller: () => AbortController | null,
  release: () => void
): Promise<Settled> {
  const { cb } = req
  const timeout = cb.timeoutMs ?? o.timeoutMs
  const ms = () => Math.round((performance.now() - t0) * 1000) / 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const out = await (timeout === undefined
      ? pending
      : Promise.race([
          pending,
          new Promise((_, reject) => {
            timer = setTimeout(() => {
              controller()?.abort()
              reject(new CallbackError(messages.timedOut(cb.name, timeout), cb.name, keys(cb)))
            }, timeout)
          }),
        ]))
    const values = shape(cb, out, o.check)
    if (o.expand) await expandChildren(values, o.expand)
    return { req, values, status: values.size ? 'updated' : 'noUpdate', ms: ms() }
  } catch (err) {
    return failed(req, err, ms())
  } finally {
    clearTimeout(timer)
    release()
  }
}

/** A synchronous callback's outputs whose new `children` hold components to expand. */
async function expandAsync(
  req: Run,
  values: Map<PropKey, unknown>,
  o: WaveOptions,
  ms: () => number,
  release: () => void
): Promise<Settled> {
  try {
    await expandChildren(values, o.expand!)
    return { req, values, status: values.size ? 'updated' : 'noUpdate', ms: ms() }
  } catch (err) {
    return failed(req, err, ms())
  } finally {
    release()
  }
}

const isChildren = (key: PropKey) => key.endsWith(`.${CHILDREN}`)

/** True when a new `children` value is more than text or a number (expand() keeps those as they are). */
function needsExpand(values: Map<PropKey, unknown>): boolean {
  for (const [key, v] of values) {
    if (!isChildren(key)) continue
    if (typeof v === 'boolean')
      values.set(key, null) // as expand() renders it: nothing
    else if (typeof v === 'object' && v !== null) return true
  }
  return false
}

async function expandChildren(values: Map<PropKey, unknown>, expand: (v: unknown) => Promise<unknown>) {
  for (const [key, v] of values) if (isChildren(key)) values.set(key, await expand(v))
}

/** A call that threw: `PreventUpdate`, or an error reported with the callback's name and outputs. */
function failed(req: Run, err: unknown, ms: number): Settled {
  const { cb } = req
  // `throw PreventUpdate` (the class, as Python's `raise PreventUpdate`) counts as well as an instance.
  if (err instanceof PreventUpdate || err === PreventUpdate)
    return { req, values: null, status: 'prevented', ms }
  const error =
    err instanceof CallbackError
      ? err
      : new CallbackError(err instanceof Error ? err.message : String(err), cb.name, keys(cb), {
          cause: err,
        })
  return { req, values: null, status: 'error', error, ms }
}

const keys = (cb: CallbackSpec) => cb.outputs.map((d) => d.key)

/** R28/R31: turns a return value into the outputs to write, dropping `noUpdate` positions. */
function shape(cb: CallbackSpec, out: unknown, check: ValueCheck | undefined): Map<PropKey, unknown> {
  const values = new Map<PropKey, unknown>()
  const fail = (message: string) => {
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
  let list: readonly unknown[]
  if (cb.multi) {
    if (!Array.isArray(out)) fail(messages.multiNotArray(cb.name, cb.outputs.length, out))
    list = out as unknown[]
    if (list.length !== cb.outputs.length)
      fail(messages.multiWrongLength(cb.name, cb.outputs.length, list.length))
  } else list = [out]
  cb.outputs.forEach((d, i) => {
    let v = list[i]
    if (isNoUpdate(v)) return
    if (v === undefined) v = null
    const why = check?.(v)
    if (why) fail(messages.notSerialisable(cb.name, d.key, why))
    values.set(d.key, v)
  })
  return values
}
