/**
 * A background callback (Dash's `background=True`) with a progress bar: `#run` starts a 5-step job
 * (1 s a step; `STEP_MS` shortens it). `#progress` and `#progress-text` follow each step as it
 * happens, `#run` is disabled and `#cancel` enabled while it runs, and `#result` shows
 * "done in 5 steps", or "cancelled after k steps" when `#cancel` stopped it. The job runs in this
 * process, or on a job worker when `REDIS_URL` is set (docs/background.md).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { createApp, Input, isMain, noUpdate, Output, setProps } from '../src/index.ts'

const STEPS = 5
const STEP_MS = Number(process.env['STEP_MS']) || 1000

/** The job's own counters, in the process that runs it (for tests): started, running, steps done. */
export const counters = { runs: 0, active: 0, steps: 0 }

export const app = createApp({
  title: 'Background callbacks: progress, cancel',
  layout: (
    <div>
      <button id="run">Run the job</button>
      <button id="cancel" disabled>
        Cancel
      </button>
      <label for="progress">Progress</label>
      <progress id="progress" value="0" max={STEPS} />
      <p id="progress-text">idle</p>
      <p id="result" role="status">
        Not run yet
      </p>
    </div>
  ),
})

app.callback(
  Output('result', 'children'),
  [Input('run', 'n_clicks')],
  async function job(_n, ctx) {
    counters.runs++
    counters.active++
    let done = 0
    try {
      while (done < STEPS) {
        await sleep(STEP_MS, undefined, { signal: ctx.signal })
        done++
        counters.steps++
        ctx.setProgress([done, `step ${done} of ${STEPS}`])
      }
    } catch (err) {
      if (!ctx.signal.aborted) throw err
    } finally {
      counters.active--
    }
    // Cancelled: Dash would leave `#result` as it was; this job says how far it got.
    if (ctx.signal.aborted) {
      setProps('result', { children: `cancelled after ${done} steps` })
      return noUpdate
    }
    return `done in ${done} steps`
  },
  {
    background: true,
    preventInitialCall: true,
    progress: [Output('progress', 'value'), Output('progress-text', 'children')],
    progressDefault: [0, 'idle'],
    running: [
      [Output('run', 'disabled'), true, false],
      [Output('cancel', 'disabled'), false, true],
    ],
    cancel: Input('cancel', 'n_clicks'),
  }
)

if (isMain(import.meta)) app.listen()
