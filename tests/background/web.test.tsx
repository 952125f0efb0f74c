/**
 * @module background/web.test
 * Background callbacks through the update route, on the embedded backend (the BullMQ backend runs
 * the same contract: backends.test.ts, cluster.test.ts): the answer streams `running`, each progress
 * update as it happens, then the result and `progressDefault`; the page holds the job's token, so a
 * cancel Input stops it, a new call supersedes it, and a re-attach resumes it without running it again.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { renderPage } from '../../src/testing.ts'

const STEP_MS = 40

function makeApp() {
  const runs: number[] = []
  const app = createApp({
    secret: 'background-web-test-secret-0123456789',
    streamAfterMs: 5,
    layout: (
      <div>
        <button id="run">run</button>
        <button id="cancel">cancel</button>
        <dcc.Input id="steps" type="number" value={3} />
        <progress id="progress" value="0" max="3" />
        <p id="progress-text" />
        <p id="result" />
      </div>
    ),
  })
  app.callback(
    Output('result', 'children'),
    [Input('run', 'n_clicks')],
    [State('steps', 'value')],
    async (n, steps, ctx) => {
      const total = Number(steps)
      runs.push(n as number)
      let k = 0
      for (; k < total; k++) {
        await new Promise((r) => setTimeout(r, STEP_MS))
        if (ctx.signal.aborted) return 'aborted'
        ctx.setProgress([k + 1, `step ${k + 1} of ${total}`])
      }
      return `done in ${k} steps`
    },
    {
      background: true,
      preventInitialCall: true,
      progress: [Output('progress', 'value'), Output('progress-text', 'children')],
      progressDefault: [0, ''],
      running: [[Output('run', 'disabled'), true, false]],
      cancel: Input('cancel', 'n_clicks'),
    }
  )
  return { app, runs }
}

describe('a background callback', () => {
  const { app, runs } = makeApp()
  afterAll(() => app.close())

  it('streams each progress update, then the result and progressDefault', async () => {
    const page = await renderPage(app)
    const res = await page.click('run', { stream: true })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const texts = res.fragments.flatMap((f) =>
      f.swap === 'children' && f.id === 'progress-text' ? [f.html] : []
    )
    expect(texts).toEqual(['step 1 of 3', 'step 2 of 3', 'step 3 of 3', ''])
    expect(page.text('result')).toBe('done in 3 steps')
    expect(page.text('progress-text')).toBe('')
    expect(runs).toEqual([1])
  })
})
