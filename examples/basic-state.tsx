/**
 * Dash's "Basic Callbacks": State. Typing in the inputs sends nothing; the button's click runs the
 * callback, which reads both inputs as State.
 */
import { createApp, Input, isMain, Output, State } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export const app = createApp({
  title: 'Basic callbacks: State',
  layout: (
    <div>
      <dcc.Input id="input-1-state" type="text" value="Montréal" />
      <dcc.Input id="input-2-state" type="text" value="Canada" />
      <button id="submit-button-state" n_clicks={0}>
        Submit
      </button>
      <div id="output-state" />
    </div>
  ),
})

app.callback(
  Output('output-state', 'children'),
  [Input('submit-button-state', 'n_clicks')],
  [State('input-1-state', 'value'), State('input-2-state', 'value')],
  function update_output(n_clicks, input1, input2) {
    return `The Button has been pressed ${n_clicks} times, Input 1 is "${input1}", and Input 2 is "${input2}"`
  }
)

if (isMain(import.meta)) app.listen()
