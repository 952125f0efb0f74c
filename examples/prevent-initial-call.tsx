/**
 * Seed: "Prevent Callback Execution Upon Initial Component Render". Nothing runs on load; one click
 * fills the first two outputs at once, the third 2 s later and the fourth 2 s after that, all from
 * one request whose outputs stream in as each callback finishes.
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const time = () => new Date().toTimeString().slice(0, 8)

export const app = createApp({
  title: 'prevent_initial_call',
  layout: (
    <div>
      <button id="button_2">execute callbacks</button>
      <div id="first_output_2">callback not executed</div>
      <div id="second_output_2">callback not executed</div>
      <div id="third_output_2">callback not executed</div>
      <div id="fourth_output_2">callback not executed</div>
    </div>
  ),
})

app.callback(
  [Output('first_output_2', 'children'), Output('second_output_2', 'children')],
  [Input('button_2', 'n_clicks')],
  function first_callback() {
    const current = time()
    return ['in the first callback it is ' + current, 'in the first callback it is ' + current]
  },
  { preventInitialCall: true }
)

app.callback(
  Output('third_output_2', 'children'),
  [Input('second_output_2', 'children')],
  async function second_callback() {
    await sleep(2000)
    return 'in the second callback it is ' + time()
  },
  { preventInitialCall: true }
)

app.callback(
  Output('fourth_output_2', 'children'),
  [Input('first_output_2', 'children'), Input('third_output_2', 'children')],
  async function third_output() {
    await sleep(2000)
    return 'in the third callback it is ' + time()
  },
  { preventInitialCall: true }
)

if (isMain(import.meta)) app.listen()
