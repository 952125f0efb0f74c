/**
 * Seed: "When a Dash App First Loads". The callback's initial call runs while the page renders, so
 * the first HTML already says "n_clicks is None", not "callback not executed".
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'

export const app = createApp({
  title: 'Initial call',
  layout: (
    <div>
      <button id="button_1">execute callback</button>
      <div id="first_output_1">callback not executed</div>
      <div id="second_output_1">callback not executed</div>
    </div>
  ),
})

// R's as.character(NULL) is Python's str(None): the seed page shows "n_clicks is None".
const show = (n: unknown) => `n_clicks is ${n == null ? 'None' : String(n)}`

app.callback(
  [Output('first_output_1', 'children'), Output('second_output_1', 'children')],
  [Input('button_1', 'n_clicks')],
  function change_text(n_clicks) {
    return [show(n_clicks), show(n_clicks)]
  }
)

if (isMain(import.meta)) app.listen()
