/**
 * @module jobs/background
 * The web side of a background callback (`{ background: true }`): the function registered in the
 * graph submits a job and waits for it, passing each update it reports on to the page; the job
 * itself runs where the backend puts it (runner.ts). The client going away does not cancel the job
 * (a reload re-attaches to it); a cancel Input or a newer call of the same callback does.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { AnyCallbackFn, CallbackSpec } from '../../core/callback.ts'
import type { CallbackContext } from '../../core/context.ts'
import type { InputDep, OutputDep } from '../../core/dependency.ts'
import { PreventUpdate } from '../../core/sentinels.ts'
import type { ComponentRegistry } from '../../protocol/components.ts'
import { decodeError, decodeValue, encodeValue } from '../isolate-codec.ts'
import { rememberOriginal } from './runner.ts'
import type { JobBackend, JobHandle, JobUpdate } from './types.ts'

/** The options of a background callback (Dash's names). */
export interface BackgroundOptions {
  /** Run the callback as a job (Dash's `background=True`): on a job worker with `REDIS_URL`, else here. */
  background?: boolean
  /** Outputs `ctx.setProgress(value)` sets while the job runs. */
  progress?: OutputDep | readonly OutputDep[]
  /** The `progress` outputs' values once the job ended (Dash's `progress_default`). */
  progressDefault?: unknown
  /** Inputs that cancel the running job when they fire (Dash's `cancel`). */
  cancel?: InputDep | readonly InputDep[]
  /**
   * Functions whose values, with the Inputs' and States' values, name the job: an equal job finished
   * within `cacheExpire` seconds is answered from the cache, an equal one running is joined.
   */
  cacheBy?: readonly (() => unknown)[]
  /** How long a finished job's result is kept for `cacheBy` (seconds, default 3600). */
  cacheExpire?: number
  /** Accepted for Dash compatibility: progress is pushed as it happens, nothing polls. */
  interval?: number
  /** Runs of a job whose worker died mid-job before it is failed (BullMQ backend; default 2). */
  attempts?: number
}

export const asList = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T]

/** Where a running job's updates go: the engine applies them as side updates of the call. */
export type UpdateSink = (context: CallbackContext, id: string, props: Record<string, unknown>) => void

export interface BackgroundHost {
  jobs(): Promise<JobBackend>
  appKey(): string
  components: ComponentRegistry
  /** Applies side updates to the page of the call in progress. */
  sink: UpdateSink
  /** Tells the page which job this call started, so it can re-attach or cancel it. */
  started?: (context: CallbackContext, spec: CallbackSpec, handle: JobHandle) => void
}

/** The progress outputs' props for `setProgress(value)`: one value per output. */
export function progressProps(
  progress: readonly OutputDep[],
  value: unknown
): [id: string, props: Record<string, unknown>][] {
  const values = progress.length === 1 ? [value] : Array.isArray(value) ? value : [value]
  return progress.map((d, i) => [d.id as string, { [d.prop]: values[i] }])
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
    const cb = spec()
    const args = (await encodeValue(all.slice(0, -1))) as unknown[]
    const jobs = await host.jobs()
    const apply = (u: JobUpdate) => {
      if (u.kind === 'props') host.sink(context, u.id, u.props)
      else for (const [id, props] of progressProps(progress, u.value)) host.sink(context, id, props)
    }
    const handle = await jobs.submit(
      {
        id: o.cacheBy ? cacheKey(cb, o.cacheBy, args) : randomUUID(),
        app: host.appKey(),
        callback: { index: cb.index, id: cb.id },
        args,
        changed: context.isInitialCall ? [] : context.triggered.map((t) => t.prop_id),
        submittedAt: Date.now(),
      },
      apply,
      { cacheSeconds: o.cacheBy ? (o.cacheExpire ?? 3600) : 0, attempts: o.attempts ?? 2 }
    )
    host.started?.(context, cb, handle)
    // The client left: stop listening; the job runs on, and the page re-attaches when it comes back.
    const stop = () => handle.detach()
    context.signal.addEventListener('abort', stop, { once: true })
    try {
      const end = await handle.outcome
      if (end.status === 'done') return decodeValue(end.value, host.components)
      if (end.status === 'cancelled') throw new PreventUpdate()
      throw decodeError(end.error)
    } finally {
      context.signal.removeEventListener('abort', stop)
      if (progress.length && o.progressDefault !== undefined)
        for (const [id, props] of progressProps(progress, o.progressDefault)) host.sink(context, id, props)
    }
  }
  Object.defineProperty(wrapper, 'name', { value: fn.name })
  rememberOriginal(wrapper as AnyCallbackFn, fn)
  return wrapper as AnyCallbackFn
}
