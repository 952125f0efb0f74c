/**
 * Seed: "Displaying Two Inputs with Different Units". Typing in either field converts into the other.
 */
import { createApp, ctx, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export const app = createApp({
  title: 'Circular: temperature',
  layout: (
    <div>
      <div>Convert Temperature</div>
      Celsius
      <dcc.Input id="celsius" value={0.0} type="number" />
      {' = Fahrenheit'}
      <dcc.Input id="fahrenheit" value={32.0} type="number" />
    </div>
  ),
})

app.callback(
  [Output('celsius', 'value'), Output('fahrenheit', 'value')],
  [Input('celsius', 'value'), Input('fahrenheit', 'value')],
  function sync_input(celsius, fahrenheit) {
    const input_id = ctx.triggered[0]!.prop_id.split('.')[0]
    if (input_id === 'celsius') {
      fahrenheit = celsius == null ? null : (Number(celsius) * 9) / 5 + 32
    } else {
      celsius = fahrenheit == null ? null : ((Number(fahrenheit) - 32) * 5) / 9
    }
    return [celsius, fahrenheit]
  }
)

if (isMain(import.meta)) app.listen()
