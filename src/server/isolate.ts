/**
 * @module isolate
 * Callbacks in worker threads, with a hard timeout (docs/security.md, "Code that misbehaves").
 *
 * A callback registered with `{ worker: import.meta.url }` runs in a pool of worker threads: each
 * thread imports that module (which registers the same callbacks, in the same order, on its own app)
 * and runs the callback found there by its index and id. A call past its timeout has its thread
 * terminated: a synchronous `while (true) {}` stops, and the other users of the process never waited
 * for it. A call whose client went away is not torn down (a new thread costs far more CPU than most
 * calls): it leaves the queue if it has not started, else it runs on, its result dropped, until it
 * ends or its timeout terminates it. Thread starts are capped per second; calls beyond wait. Arguments and results are copied (structured clone; JSX, `noUpdate`
 * and raw HTML are encoded by isolate-codec.ts).
 */
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isMainThread, Worker, workerData } from 'node:worker_threads'
import type { AnyCallbackFn, CallbackSpec } from '../core/callback.ts'
import type { CallbackContext } from '../core/context.ts'
import { messages } from '../core/errors.ts'
import type { Graph } from '../core/graph.ts'
import type { ComponentRegistry } from '../protocol/components.ts'
import { decodeError, decodeValue, type EncodedError } from './isolate-codec.ts'

/** One call, as posted to a worker. */
export interface Task {
  seq: number
  /** URL of the module that registers the callback. */
  module: string
  index: number
  id: string
  args: unknown[]
  changed: string[]
  /** Stop the call this long after it started in the thread (ms); start-up and queueing do not count. */
  timeoutMs?: number
  /** The callback's name, for the timeout message. */
  name?: string
  /** Only import the module (start-up), run nothing. */
  warm?: boolean
}

export type Reply =
  | { seq: number; ok: true; value: unknown }
  | { seq: number; ok: false; error: EncodedError }
  /** The thread has imported the module and is calling the callback now. */
  | { seq: number; started: true }

/**
 * Added to a worker callback's `timeoutMs` for the engine's own timer, which counts from the request:
 * a thread's start-up (importing the app, a second or two) and waiting for a free thread.
 */
export const WORKER_START_ALLOWANCE_MS = 30_000

const FLAG = 'hyperdash-callback-worker'

/** True inside one of our worker threads. */
export const inCallbackWorker =
  !isMainThread &&
  typeof workerData === 'object' &&
  workerData !== null &&
  (workerData as { flag?: string }).flag === FLAG

// ─── inside a worker: find the callback ─────────────────────────────────────────────────────

const graphs: Graph[] = []
const originals = new WeakMap<AnyCallbackFn, AnyCallbackFn>()

/** Called for every app created; in a worker, remembers its graph so tasks can find their callback. */
export function trackGraph(graph: Graph): void {
  if (inCallbackWorker) graphs.push(graph)
}

/** The callback numbered `index` with Dash id `id`, in the apps this worker has created. */
export function findIsolated(index: number, id: string): { spec: CallbackSpec; fn: AnyCallbackFn } | null {
  for (const g of graphs) {
    const spec = g.callbacks[index]
    if (spec?.id === id) return { spec, fn: originals.get(spec.fn) ?? spec.fn }
  }
  return null
}

// ─── in the main thread: the wrapper ────────────────────────────────────────────────────────

/** `import.meta.url`, a file URL or a path → a file URL. */
export function moduleHref(module: string | URL): string {
  if (module instanceof URL) return module.href
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(module) ? module : pathToFileURL(module).href
}

/**
 * The function registered in place of `fn`: it sends the call to the pool. `spec` and `pool` are read
 * at call time (the spec is built after the wrapper, the pool on first use).
 */
export function isolate(
  fn: AnyCallbackFn,
  module: string | URL,
  spec: () => CallbackSpec,
  pool: () => WorkerPool,
  timeoutMs?: number
): AnyCallbackFn {
  const href = moduleHref(module)
  const wrapper = async (...all: unknown[]) => {
    const context = all[all.length - 1] as CallbackContext
    const { index, id, name } = spec()
    const changed = context.isInitialCall ? [] : context.triggered.map((t) => t.prop_id)
    return pool().run(
      { module: href, index, id, name, args: all.slice(0, -1), changed, timeoutMs },
      context.signal
    )
  }
  Object.defineProperty(wrapper, 'name', { value: fn.name })
  originals.set(wrapper as AnyCallbackFn, fn)
  return wrapper as AnyCallbackFn
}

// ─── the pool ───────────────────────────────────────────────────────────────────────────────

/** Started with `eval`, so that it can load a TypeScript loader before our TypeScript entry. */
const BOOT = `
const { workerData, parentPort } = require('node:worker_threads')
;(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register()
  await import(workerData.entry)
})().catch((e) => parentPort.postMessage({ fatal: String((e && e.stack) || e) }))
`

// Run from source (tsx) the entry is TypeScript; from the built package (dist/) it is JavaScript.
const FROM_SOURCE = import.meta.url.endsWith('.ts')
const ENTRY = new URL(FROM_SOURCE ? './isolate-worker.ts' : './isolate-worker.js', import.meta.url)

/**
 * tsx's ESM API, so that worker threads load TypeScript: ours when run from source (then tsx is
 * required), the app's own modules when the app is TypeScript (then tsx is used if the app has it).
 */
function tsxLoader(): string | null {
  for (const base of FROM_SOURCE ? [import.meta.url] : [join(process.cwd(), 'noop.js'), import.meta.url]) {
    try {
      const pkg = createRequire(base).resolve('tsx/package.json')
      return pathToFileURL(pkg.replace(/package\.json$/, 'dist/esm/api/index.mjs')).href
    } catch {}
  }
  if (!FROM_SOURCE) return null
  throw new Error(
    'Callbacks with the `worker` option need tsx to load TypeScript in their worker threads: npm install tsx.'
  )
}

interface Pending {
  task: Task
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
  signal?: AbortSignal
  onAbort?: () => void
  /** Answered already (its client left): the thread runs it on, and its result is dropped. */
  settled?: boolean
}

interface Slot {
  worker: Worker
  current: Pending | null
  gone: boolean
  timer?: ReturnType<typeof setTimeout>
}

/** Default size: cores − 1, at least 1, at most 4. */
export const defaultThreads = () => Math.min(4, Math.max(1, availableParallelism() - 1))

export class WorkerPool {
  readonly #slots = new Set<Slot>()
  readonly #queue: Pending[] = []
  #seq = 0
  #closed = false
  /** Modules the threads import: a thread that replaces a terminated one imports them at once. */
  readonly #modules = new Set<string>()
  /** Threads started so far (restarts included): a measure for tests and docs. */
  started = 0
  /** Start times (ms) of the threads started in the last second. */
  readonly #recent: number[] = []
  #retry: ReturnType<typeof setTimeout> | null = null

  /**
   * `size`: most threads at once. `components`: the app's components, to rebuild the ones a callback
   * returns. `maxStartsPerSecond`: most threads started (first starts and replacements of terminated
   * ones) in any second; calls beyond wait in the queue. Default: `size`, at least 2.
   */
  constructor(
    readonly size: number = defaultThreads(),
    readonly components?: ComponentRegistry,
    readonly maxStartsPerSecond: number = Math.max(2, size)
  ) {}

  /** Threads alive now. */
  get threads(): number {
    return this.#slots.size
  }

  /** Runs one call; rejects when `signal` aborts (the thread running it is terminated). */
  run(task: Omit<Task, 'seq'>, signal?: AbortSignal): Promise<unknown> {
    if (this.#closed)
      return Promise.reject(new Error('The worker pool is closed (the server is shutting down).'))
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      this.#modules.add(task.module)
      const p: Pending = { task: { ...task, seq: ++this.#seq }, resolve, reject, signal }
      if (signal) {
        p.onAbort = () => this.#abort(p)
        signal.addEventListener('abort', p.onAbort, { once: true })
      }
      this.#queue.push(p)
      this.#dispatch()
    })
  }

  /** Starts a thread and imports these modules, so the first call does not wait for start-up. */
  warm(modules: Iterable<string>): void {
    for (const module of new Set(modules)) {
      this.run({ module, index: -1, id: '', args: [], changed: [], warm: true }).catch(() => {})
    }
  }

  /** Terminates every thread; queued calls are refused. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#retry) clearTimeout(this.#retry)
    for (const p of this.#queue.splice(0)) this.#settle(p, false, new Error('The worker pool was closed.'))
    await Promise.all([...this.#slots].map((s) => this.#drop(s, new Error('The worker pool was closed.'))))
  }

  #dispatch() {
    while (this.#queue.length && !this.#closed) {
      let slot = [...this.#slots].find((s) => !s.current)
      if (!slot) {
        if (this.#slots.size >= this.size || !this.#mayStart()) return
        slot = this.#spawn()
      }
      const p = this.#queue.shift()!
      slot.current = p
      slot.worker.postMessage(p.task)
    }
  }

  /** True when a thread may start now; else schedules a dispatch for when one may. */
  #mayStart(): boolean {
    const now = performance.now()
    while (this.#recent.length && now - this.#recent[0]! >= 1000) this.#recent.shift()
    if (this.#recent.length < this.maxStartsPerSecond) return true
    this.#retry ??= setTimeout(
      () => {
        this.#retry = null
        this.#dispatch()
      },
      1000 - (now - this.#recent[0]!) + 1
    )
    this.#retry.unref?.()
    return false
  }

  #spawn(): Slot {
    this.#recent.push(performance.now())
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { flag: FLAG, entry: ENTRY.href, tsx: tsxLoader() },
    })
    worker.unref()
    this.started++
    const slot: Slot = { worker, current: null, gone: false }
    this.#slots.add(slot)
    worker.on('message', (m: Reply | { ready: true } | { fatal: string }) => {
      if ('ready' in m) return
      if ('fatal' in m) {
        void this.#drop(slot, new Error(`A callback worker thread could not start: ${m.fatal}`))
        return
      }
      const p = slot.current
      if (!p || p.task.seq !== m.seq) return
      if ('started' in m) {
        const { timeoutMs, name } = p.task
        if (timeoutMs !== undefined) {
          slot.timer = setTimeout(
            () => void this.#drop(slot, new Error(messages.timedOut(name ?? p.task.id, timeoutMs))),
            timeoutMs
          )
        }
        return
      }
      clearTimeout(slot.timer)
      slot.current = null
      if (m.ok) this.#settle(p, true, m.value)
      else this.#settle(p, false, decodeError(m.error))
      this.#dispatch()
    })
    worker.on(
      'error',
      (err: Error) =>
        void this.#drop(slot, new Error(`A callback worker thread failed: ${err.message}`, { cause: err }))
    )
    worker.on(
      'exit',
      (code) => void this.#drop(slot, new Error(`A callback worker thread stopped (exit code ${code}).`))
    )
    return slot
  }

  /** Removes a thread (terminating it), fails its call, and lets the queue move on. */
  async #drop(slot: Slot, why: unknown): Promise<void> {
    if (slot.gone) return
    slot.gone = true
    clearTimeout(slot.timer)
    this.#slots.delete(slot)
    const p = slot.current
    slot.current = null
    if (p) this.#settle(p, false, why)
    this.#dispatch()
    await slot.worker.terminate()
    // Keep a thread ready, so the next call does not pay for a start-up.
    if (!this.#closed && this.#slots.size === 0) this.warm(this.#modules)
  }

  /**
   * The call's client left (or the engine gave up on it). Queued: it leaves the queue. Running: it is
   * answered now and runs on in its thread, which stays busy until the call ends or its timeout
   * terminates it: terminating and restarting a thread per abort cost ~140 ms of CPU each.
   */
  #abort(p: Pending) {
    const reason = p.signal?.reason ?? new Error('The call was aborted.')
    const queued = this.#queue.indexOf(p)
    if (queued >= 0) this.#queue.splice(queued, 1)
    this.#settle(p, false, reason)
  }

  #settle(p: Pending, ok: boolean, value: unknown) {
    if (p.settled) return
    p.settled = true
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort)
    if (!ok) return p.reject(value)
    try {
      p.resolve(decodeValue(value, this.components))
    } catch (err) {
      p.reject(err)
    }
  }
}
