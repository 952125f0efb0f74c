/**
 * @module jobs/runner
 * Runs a background callback's job where it is executed (this process with the embedded backend, a
 * job worker with BullMQ): finds the callback in the app this process created from the same code,
 * gives its function the context with `setProgress`, `setProps` and the job's `signal`, and encodes
 * how it ended.
 */
import type { AnyCallbackFn, CallbackSpec } from '../../core/callback.ts'
import { createContext, runWithContext, type CallbackContext } from '../../core/context.ts'
import type { Graph } from '../../core/graph.ts'
import type { ComponentRegistry } from '../../protocol/components.ts'
import { decodeValue, encodeError, encodeValue } from '../isolate-codec.ts'
import { collectSideUpdates } from '../../core/side-updates.ts'
import type { IndexGrouping } from '../../core/grouping.ts'
import type { JobExecutor, JobListener, JobOutcome } from './types.ts'

/** What a background callback's context adds to the callback context. */
export interface BackgroundContext extends CallbackContext {
  /**
   * Sets the callback's `progress` outputs now: one value for one output, a list for several
   * (Dash's `set_progress`). The page shows it while the job runs.
   */
  setProgress(value: unknown): void
  /** Sets props of any component on the page while the job runs (Dash's `set_props`). */
  setProps(id: string, props: Record<string, unknown>): void
}

/** The original functions of background callbacks, by the wrapper registered in their place. */
const originals = new WeakMap<AnyCallbackFn, AnyCallbackFn>()

export function rememberOriginal(wrapper: AnyCallbackFn, fn: AnyCallbackFn): void {
  originals.set(wrapper, fn)
}

/** True when the graph has background callbacks (their pages load static/hyperdash-jobs.js). */
export const hasBackground = (graph: Graph): boolean => graph.callbacks.some((cb) => originals.has(cb.fn))

export interface JobApp {
  /** The app's key (its name, or its graph's fingerprint): jobs of another app or version are refused. */
  key(): string
  graph: Graph
  components: ComponentRegistry
}

/** The context a job's function gets: the callback context, plus progress and side updates. */
export function backgroundContext(
  spec: CallbackSpec,
  changed: readonly string[],
  args: readonly unknown[],
  signal: AbortSignal,
  update: JobListener
): BackgroundContext {
  const base = createContext(spec, changed, args, signal)
  const extra = {
    setProgress: (value: unknown) => update({ kind: 'progress', value }),
    setProps: (id: string, props: Record<string, unknown>) => {
      if (typeof id !== 'string' || typeof props !== 'object' || props === null)
        throw new TypeError('setProps(id, props): an id string and an object of props.')
      update({ kind: 'props', id, props })
    },
  }
  // Delegates to the lazy context (its private fields need it as `this`).
  return new Proxy(base, {
    get: (target, prop) => (prop in extra ? extra[prop as keyof typeof extra] : Reflect.get(target, prop)),
  }) as BackgroundContext
}

/** The executor of one app's jobs. */
export function jobRunner(app: JobApp): JobExecutor {
  return async (job, { update, signal }): Promise<JobOutcome> => {
    try {
      if (job.app !== app.key()) {
        throw new Error(
          `This job was submitted by another app or another version of it (${job.app.slice(0, 40)}); ` +
            'run job workers from the same code as the web processes.'
        )
      }
      const spec = app.graph.callbacks[job.callback.index]
      const fn = spec && spec.id === job.callback.id ? originals.get(spec.fn) : undefined
      if (!spec || !fn) {
        throw new Error(
          `The callback ${job.callback.id} (number ${job.callback.index}) is not a background callback ` +
            'of this app: run job workers from the same code as the web processes.'
        )
      }
      const args = decodeValue(job.args, app.components) as unknown[]
      const values = spec.usingArgsGrouping ? flatValues(spec, args) : args
      const context = backgroundContext(spec, job.changed, values, signal, update)
      // `setProps` (the function, as in any callback) is sent on as it is called, like progress.
      const scope = { side: new Map(), immediate: context.setProps }
      const value = await collectSideUpdates(scope, () =>
        runWithContext(context, async () => encodeValue(await fn(...(args as never[]), context as never)))
      )
      return signal.aborted ? { status: 'cancelled' } : { status: 'done', value }
    } catch (err) {
      if (signal.aborted) return { status: 'cancelled' }
      return { status: 'failed', error: encodeError(err) }
    }
  }
}

/** The Inputs' and States' values in declaration order, from the arguments of a flexible signature. */
function flatValues(spec: CallbackSpec, args: readonly unknown[]): unknown[] {
  const values: unknown[] = []
  const walk = (shape: IndexGrouping, v: unknown): void => {
    if (typeof shape === 'number') values[shape] = v
    else if (Array.isArray(shape)) shape.forEach((s, j) => walk(s, (v as unknown[] | null)?.[j]))
    else for (const [k, s] of Object.entries(shape)) walk(s, (v as Record<string, unknown> | null)?.[k])
  }
  spec.args.forEach((shape, i) => walk(shape, args[i]))
  return values
}
