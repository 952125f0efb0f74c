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
  /** Prepares a new `children` value before it is applied (expands JSX components). */
  expand?: (value: unknown) => Promise<unknown>
  /** Called after each result is applied to the page: the server renders and flushes it. */
  onResult?: (result: CallbackResult) => void | Promise<void>
  signal?: AbortSignal
  /** Default for callbacks without `timeoutMs`; undefined waits for ever. */
  timeoutMs?: number
  /**
   * After this many ms, a callback that would read a prop this wave did not write (and the event did
   * not change) is handed back to the client instead of run: the page may have changed that prop
   * since the request left, and the client asks again with fresh values (R14 across requests).
   */
  handBackAfterMs?: number
}

export interface WaveOutcome {
  readonly results: CallbackResult[]
  /** Callbacks left waiting on requests in flight elsewhere: the client asks for them again later. */
  readonly deferred: { cb: CallbackSpec; changed: PropKey[] }[]
  /** After an abort: callbacks requested or running but not finished, with their triggers. */
  readonly unfinished: { cb: CallbackSpec; changed: PropKey[] }[]
  readonly aborted: boolean
}

interface Settled {
  req: CallbackRequest
  values: Map<PropKey, unknown> | null
  status: CallbackStatus
  error?: CallbackError
  ms: number
}

const CHILDREN = 'children'
const NOTHING: ReadonlySet<PropKey> = new Set()

/** Runs a wave to completion (or abort) and reports every callback result in completion order. */
export async function runWave(o: WaveOptions): Promise<WaveOutcome> {
  const { graph, page } = o
  const requested = new Map<CallbackSpec, CallbackRequest>()
  const executing = new Map<CallbackSpec, CallbackRequest>()
  // Dash's `predecessors` (R37): the callbacks whose results led to each request. A request its own
  // callback helped cause is dropped, so a chain never loops, while a callback asked again by an
  // unrelated chain (its output re-inserted, R20a) runs again, as in Dash.
  const causes = new Map<CallbackRequest, Set<CallbackSpec>>()
  // Running calls asked for again: latest wins (R16), their results are dropped.
  const superseded = new Set<CallbackRequest>()
  const results: CallbackResult[] = []
  const settled: Settled[] = []
  const signal = o.signal ?? new AbortController().signal
  let wake: (() => void) | null = null

  for (const s of o.start) mergeRequest(requested, s.cb, s.changed, s.initial ?? false, o.startGroup ?? null)
  // Props whose values in this wave are fresh: the event's own changes and every prop the wave writes.
  const fresh = new Set<PropKey>([...requested.values()].flatMap((r) => r.changed))
  // What the event itself asked for reads the request's own snapshot: never handed back, however
  // long the server took to get to it (a GC pause is no reason for another round trip).
  const started = new Set<CallbackSpec>(requested.keys())
  const startedAt = performance.now()
  const mayBeStale = (cb: CallbackSpec) =>
    o.handBackAfterMs !== undefined &&
    !started.has(cb) &&
    performance.now() - startedAt > o.handBackAfterMs &&
    [...cb.inputs, ...cb.states].some((d) => !fresh.has(d.key))

  const request = (
    cb: CallbackSpec,
    changed: readonly PropKey[],
    initial: boolean,
    group: ExecutionGroup | null,
    by: ReadonlySet<CallbackSpec>
  ) => {
    if (by.has(cb)) return // R36/R37: caused by its own result
    const running = executing.get(cb)
    if (running) superseded.add(running)
    mergeRequest(requested, cb, changed, initial, group)
    const req = requested.get(cb)!
    const set = causes.get(req) ?? new Set<CallbackSpec>()
    for (const c of by) set.add(c)
    causes.set(req, set)
  }

  const execute = (req: CallbackRequest) => {
    executing.set(req.cb, req)
    void call(req, signal, o, page).then((s) => {
      settled.push(s)
      wake?.()
    })
  }

  const apply = async (s: Settled) => {
    const { req } = s
    if (executing.get(req.cb) === req) executing.delete(req.cb)
    const by = new Set(causes.get(req)).add(req.cb)
    causes.delete(req)
    const written: PropKey[] = []
    const inserted: ComponentId[] = []
    const outputsLeft = req.cb.outputs.some((d) => page.has(d.id))
    let status = s.status
    if (req.cb.outputs.length > 0 && !outputsLeft) status = 'dropped' // R24: its outputs left the page
    if (superseded.delete(req)) status = 'dropped' // R16: asked again while running, a newer call follows
    if (status === 'updated' && s.values) {
      for (const [key, value] of s.values) {
        if (!page.set(key, value)) continue // R18: an id no longer on the page is ignored
        written.push(key)
        fresh.add(key)
        const { id, prop } = splitKey(key)
        if (prop === CHILDREN) {
          page.removeInside(id) // R19/R24: the replaced subtree is gone
          const recs = o.scan(value, id)
          for (const r of recs) page.add(r)
          inserted.push(...recs.map((r) => r.id))
        }
      }
      if (written.length === 0 && s.values.size > 0) status = 'dropped'
    }
    if (req.group) {
      for (const d of req.cb.outputs) req.group.allProps.add(d.key)
      for (const k of written) req.group.updatedProps.add(k)
    }
    // R12/R18: every written prop triggers its consumers, except the writer itself (R36).
    for (const key of written) {
      for (const cb of graph.consumers(key)) request(cb, [key], false, null, by)
    }
    // R20/R21: callbacks of the inserted components, in one new group.
    if (inserted.length) {
      const group = newGroup()
      const plan = planInserted(graph, page, new Set(inserted), o.prevent)
      for (const [cb, keys] of plan.triggered) request(cb, keys, false, group, by)
      for (const cb of plan.initial) request(cb, [], true, group, by)
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
    results.push(result)
    await o.onResult?.(result)
  }

  const onAbortWake = () => wake?.()
  signal.addEventListener('abort', onAbortWake, { once: true })
  const order = byPriority(graph)
  const deferred: WaveOutcome['deferred'] = []
  while (!signal.aborted) {
    // R24 and Dash rddp001 (pruneCallbacks): a request whose outputs are all off the page is dropped
    // before it runs, wherever it came from: the start of the wave, or a write after its outputs left.
    for (const [cb] of requested) {
      if (cb.outputs.length > 0 && !cb.outputs.some((d) => page.has(d.id))) requested.delete(cb)
    }
    if (requested.size === 0 && executing.size === 0 && settled.length === 0) break
    // Nothing requested (only waiting on running callbacks), or one request and nothing running (each
    // step of a chain): nothing of this wave can block it, as its inputs are never downstream of
    // itself (the graph refuses cycles). Skips copying the downstream props of the whole chain.
    const internal =
      requested.size === 0 || (requested.size === 1 && executing.size === 0)
        ? NOTHING
        : pendingOutputs(graph, [...requested.keys(), ...executing.keys()])
    const blocked = o.external?.size ? new Set([...internal, ...o.external]) : internal
    // A callback asked again while running starts once the running call has settled.
    const ready = [...requested.values()]
      .filter((r) => !executing.has(r.cb) && isReady(r.cb, blocked))
      .sort(order)
    if (ready.length === 0 && executing.size === 0 && settled.length === 0) {
      // Nothing can move. Waiting only on other requests: hand those callbacks back to the client.
      const waiting = [...requested.values()].sort(order)
      const onlyExternal = waiting.filter((r) => isReady(r.cb, internal))
      if (onlyExternal.length) {
        for (const r of onlyExternal) {
          deferred.push({ cb: r.cb, changed: r.changed })
          requested.delete(r.cb)
        }
        continue
      }
      // Mutually blocked (only possible through a cycle): run the first to break it (R37).
      ready.push(waiting[0]!)
    }
    for (const r of ready) {
      requested.delete(r.cb)
      if (isPrunedByGroup(r, (id) => page.has(id))) continue
      if (mayBeStale(r.cb)) {
        deferred.push({ cb: r.cb, changed: r.initial ? [] : r.changed })
        continue
      }
      execute(r)
    }
    while (settled.length) await apply(settled.shift()!)
    if (executing.size && !settled.length && !signal.aborted) {
      await new Promise<void>((resolve) => (wake = resolve))
      wake = null
    }
  }
  signal.removeEventListener('abort', onAbortWake)
  const unfinished = signal.aborted
    ? [...[...executing.values()].filter((r) => !superseded.has(r)), ...requested.values()].map((r) => ({
        cb: r.cb,
        changed: r.initial ? [] : r.changed,
      }))
    : []
  return { results, deferred, unfinished, aborted: signal.aborted }
}

// ─── one call ───────────────────────────────────────────────────────────────────────────────

async function call(
  req: CallbackRequest,
  parent: AbortSignal,
  o: WaveOptions,
  page: PageState
): Promise<Settled> {
  const { cb } = req
  const defaultTimeout = o.timeoutMs
  const args = [...cb.inputs, ...cb.states].map((d) => page.value(d.key))
  const timeout = cb.timeoutMs ?? defaultTimeout
  // The callback's own signal is made when first needed (reading ctx.signal, or an async callback):
  // an AbortController costs microseconds, and most callbacks are synchronous and never read it.
  let controller: AbortController | null = null
  const onAbort = () => controller!.abort(parent.reason)
  const own = () => {
    if (!controller) {
      controller = new AbortController()
      if (parent.aborted) controller.abort(parent.reason)
      else parent.addEventListener('abort', onAbort, { once: true })
    }
    return controller
  }
  const context = createContext(cb, req.initial ? [] : req.changed, args, () => own().signal)
  const t0 = performance.now()
  const ms = () => Math.round((performance.now() - t0) * 1000) / 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    let out = runWithContext(context, () => (cb.fn as (...a: unknown[]) => unknown)(...args, context))
    if (out instanceof Promise) {
      const controller = own()
      out = await (timeout === undefined
        ? out
        : Promise.race([
            out,
            new Promise((_, reject) => {
              timer = setTimeout(() => {
                controller.abort()
                reject(new CallbackError(messages.timedOut(cb.name, timeout), cb.name, keys(cb)))
              }, timeout)
            }),
          ]))
    }
    const values = shape(cb, out, o.check)
    if (o.expand) {
      for (const [key, v] of values) if (key.endsWith(`.${CHILDREN}`)) values.set(key, await o.expand(v))
    }
    return { req, values, status: values.size ? 'updated' : 'noUpdate', ms: ms() }
  } catch (err) {
    // `throw PreventUpdate` (the class, as Python's `raise PreventUpdate`) counts as well as an instance.
    if (err instanceof PreventUpdate || err === PreventUpdate)
      return { req, values: null, status: 'prevented', ms: ms() }
    const error =
      err instanceof CallbackError
        ? err
        : new CallbackError(err instanceof Error ? err.message : String(err), cb.name, keys(cb), {
            cause: err,
          })
    return { req, values: null, status: 'error', error, ms: ms() }
  } finally {
    clearTimeout(timer)
    if (controller) parent.removeEventListener('abort', onAbort)
  }
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
