/**
 * @module jobs/cancel
 * Dash's `cancel` Inputs of a background callback: registered as a callback of their own with no
 * outputs, which stops the jobs of that callback the page holds (their tokens travel with every
 * request, job-token.ts). The job's own request then ends with `running` off and `progressDefault`.
 * The backend broadcasts the cancel, so it stops on whichever worker runs the job.
 */
import type { AnyCallbackFn, CallbackSpec } from '../../core/callback.ts'
import { currentCall } from '../../core/side-updates.ts'
import type { JobExtras } from './background.ts'
import type { JobBackend } from './types.ts'

export function cancelCallback(target: CallbackSpec, jobs: () => Promise<JobBackend>): AnyCallbackFn {
  return async () => {
    const held = (currentCall()?.extras as JobExtras | undefined)?.jobs?.held ?? []
    const mine = held.filter((t) => t.callback === target.index)
    if (!mine.length) return
    const backend = await jobs()
    await Promise.all(mine.map((t) => backend.cancel(t.job)))
  }
}
