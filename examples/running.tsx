/**
 * `running` (Dash's `running=`): while the 1 s callback runs, `#run` is disabled and `#status` says
 * "running"; when its answer lands they go back ("done"). The page sets them itself: no round trip.
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const app = createApp({
  title: 'running: disable a button while a callback runs',
  layout: (
    <div>
      <button id="run">Run the report</button>
      <p id="status">idle</p>
      <p id="result" />
    </div>
  ),
})

app.callback(
  Output('result', 'children'),
  [Input('run', 'n_clicks')],
  async function report(n) {
    await sleep(1000)
    return `Report ${n} ready`
  },
  {
    preventInitialCall: true,
    running: [
      [Output('run', 'disabled'), true, false],
      [Output('status', 'children'), 'running', 'done'],
    ],
  }
)

if (isMain(import.meta)) app.listen()
