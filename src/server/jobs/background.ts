/**
 * @module jobs/background
 * The web side of a background callback (`{ background: true }`): the function registered in the
 * graph submits a job and waits for it, reporting each update the job sends (progress, `setProps`)
 * to the wave as it happens (run.ts `interim`), coalesced to one per frame; the job itself runs where
 * the backend puts it (runner.ts). The client going away does not cancel the job (the page
 * re-attaches to it with its token); a cancel Input or a newer call of the same callback does.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { AnyCallbackFn, CallbackSpec } from '../../core/callback.ts'
import type { CallbackContext } from '../../core/context.ts'
import type { InputDep, OutputDep } from '../../core/dependency.ts'
import { propKey, type PropKey } from '../../core/ids.ts'
import { noUpdate } from '../../core/sentinels.ts'
import { currentCall, setProps, type CallScope } from '../../core/side-updates.ts'
import type { ComponentRegistry } from '../../protocol/components.ts'
import type { JobToken } from '../../protocol/job-token.ts'
import { decodeError, decodeValue, encodeValue } from '../isolate-codec.ts'
import { rememberOriginal } from './runner.ts'
import type { JobBackend, JobHandle, JobUpdate } from './types.ts'

/** The options of a background callback (Dash's names). */
export interface BackgroundOptions {
  /** Run the callback as a job (Dash's `background=True`): on a job worker with `REDIS_URL`, else here. */
  background?: boolean
  /** Outputs `ctx.setProgress(value)` sets while the job runs. */
  progress?: OutputDep | readonly OutputDep[]
  /** The `progress` outputs' values once the job ended (Dash's `progress_default`): one, or a list. */
  progressDefault?: unknown
  /** Inputs that cancel the running job when they fire (Dash's `cancel`). */
  cancel?: InputDep | readonly InputDep[]
  /**
   * Functions whose values, with the Inputs' and States' values, name the job: an equal job finished
   * within `cacheExpire` seconds is answered from the cache, an equal one running is joined.
   */
  cacheBy?: readonly (() => unknown)[]
  /** How long a finished job's result is kept for `cacheBy` (seconds, default 3600; Dash's `expire`). */
  cacheExpire?: number
  /** Accepted for Dash compatibility: progress is pushed as it happens, nothing polls. */
  interval?: number
  /**
   * Runs of a job whose worker died mid-job before it is failed (BullMQ backend; default 2: one
   * retry). A job that throws is not retried: its error is the result.
   */
  attempts?: number
}

export const asList = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T]

/** What the update route gives a background call through the wave (run.ts `extras`). */
export interface JobExtras {
  /** The jobs the page holds, and those this request re-attaches to. */
  readonly jobs?: { readonly held: readonly JobToken[]; readonly attach: readonly JobToken[] }
  /** Signs a token for the page (job-token.ts), with the keys of the app the request came to. */
  readonly signJob: (t: Omit<JobToken, 'text'>) => string
}

export interface BackgroundHost {
  jobs(): Promise<JobBackend>
  appKey(): string
  components: ComponentRegistry
}

/** The longest a timer can wait (2^31 − 1 ms, ~24.8 days): a background call's default timeout. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** At most one update per frame reaches the page: the updates of a frame are merged. */
export const FRAME_MS = 16

/** The progress outputs' props for `setProgress(value)`: one value per output. */
export function progressProps(
  progress: readonly OutputDep[],
  value: unknown
): [id: string, props: Record<string, unknown>][] {
  const values = progress.length === 1 ? [value] : Array.isArray(value) ? value : [value]
  return progress.map((d, i) => [d.id as string, { [d.prop]: values[i] ?? null }])
}

/** The job id of a cached call: the callback, its `cacheBy` values and its arguments. */
export function cacheKey(spec: CallbackSpec, cacheBy: readonly (() => unknown)[], args: unknown): string {
  const h = createHash('sha256')
  h.update(spec.id)
    .update('\0')
    .update(JSON.stringify(cacheBy.map((f) => f()) ?? null))
  h.update('\0').update(JSON.stringify(args) ?? '')
  return `c-${h.digest('base64url')}`
}

const extrasOf = (scope: CallScope | undefined) => scope?.extras as JobExtras | undefined

/** The function registered in place of a background callback's own. */
export function backgroundCallback(
  fn: AnyCallbackFn,
  o: BackgroundOptions,
  spec: () => CallbackSpec,
  host: BackgroundHost
): AnyCallbackFn {
  const progress = asList(o.progress)
  const wrapper = async (...all: unknown[]) => {
    const context = all[all.length - 1] as CallbackContext
    const scope = currentCall()
    const extras = extrasOf(scope)
    const call = scope?.call ?? ''
    const cb = spec()
    const jobs = await host.jobs()
    const report = coalesce(scope, progress)
    let handle: JobHandle | null
    const attach = extras?.jobs?.attach.find((t) => t.callback === cb.index && t.call === call)
    if (attach) handle = await jobs.attach(attach.job, report.update)
    else {
      // Dash: a new call of the callback supersedes the page's running one, which is cancelled.
      for (const t of extras?.jobs?.held ?? [])
        if (t.callback === cb.index && t.call === call) await jobs.cancel(t.job)
      const args = (await encodeValue(all.slice(0, -1))) as unknown[]
      handle = await jobs.submit(
        {
          id: o.cacheBy ? cacheKey(cb, o.cacheBy, args) : randomUUID(),
          app: host.appKey(),
          callback: { index: cb.index, id: cb.id },
          args,
          changed: context.isInitialCall ? [] : context.triggered.map((t) => t.prop_id),
          submittedAt: Date.now(),
        },
        report.update,
        { cacheSeconds: o.cacheBy ? (o.cacheExpire ?? 3600) : 0, attempts: o.attempts ?? 2 }
      )
    }
    try {
      // Gone (finished and forgotten while the page was away): nothing to show, nothing re-run.
      if (!handle) return noUpdate
      if (scope && extras) {
        scope.job = extras.signJob({ job: handle.id, callback: cb.index, call })
        if (!handle.cached) scope.interim?.({ job: scope.job })
      }
      const end = await untilAborted(handle, context.signal)
      report.flush()
      if (end === null || end.status === 'cancelled') return noUpdate
      if (end.status === 'done') return decodeValue(end.value, host.components)
      throw decodeError(end.error)
    } finally {
      report.stop()
      if (progress.length && o.progressDefault !== undefined)
        for (const [id, props] of progressProps(progress, o.progressDefault)) setProps(id, props)
    }
  }
  Object.defineProperty(wrapper, 'name', { value: fn.name })
  rememberOriginal(wrapper as AnyCallbackFn, fn)
  return wrapper as AnyCallbackFn
}

/** The job's end, or null once `signal` aborts first (the client left: the job runs on). */
async function untilAborted(handle: JobHandle, signal: AbortSignal) {
  if (signal.aborted) return (handle.detach(), null)
  let stop: () => void = () => {}
  const aborted = new Promise<null>((resolve) => {
    stop = () => (handle.detach(), resolve(null))
    signal.addEventListener('abort', stop, { once: true })
  })
  try {
    return await Promise.race([handle.outcome, aborted])
  } finally {
    signal.removeEventListener('abort', stop)
  }
}

/** Merges a job's updates for at most one report per frame (FRAME_MS), the latest value of each prop. */
function coalesce(scope: CallScope | undefined, progress: readonly OutputDep[]) {
  let pending: Map<PropKey, unknown> | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let last = 0
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    const side = pending
    pending = null
    last = performance.now()
    if (side?.size) scope?.interim?.({ side })
  }
  const update = (u: JobUpdate) => {
    const entries = u.kind === 'props' ? [[u.id, u.props] as const] : progressProps(progress, u.value)
    pending ??= new Map()
    for (const [id, props] of entries)
      for (const [prop, v] of Object.entries(props)) {
        const key = propKey(id, prop)
        pending.delete(key)
        pending.set(key, v === undefined ? null : v)
      }
    // The first update of a quiet spell goes at once; the rest wait for the frame to end.
    const wait = FRAME_MS - (performance.now() - last)
    if (wait <= 0) flush()
    else timer ??= setTimeout(flush, wait)
  }
  return { update, flush, stop: () => timer && clearTimeout(timer) }
}
