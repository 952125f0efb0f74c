/**
 * Client-side callbacks (Dash's `clientside_callback`): typing in `#celsius` converts to
 * `#fahrenheit` in the browser, with no request (examples/assets/temperature.mjs); `#fahrenheit`
 * feeds a server callback that writes `#advice`. The first page runs the conversion in the browser
 * too (its initial call), and then the server callback.
 */
import { clientside, createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

export const app = createApp({
  title: 'Client-side callbacks: a temperature converter',
  layout: (
    <div>
      <label>
        Celsius <dcc.Input id="celsius" type="number" value={20} />
      </label>
      <label>
        Fahrenheit <dcc.Input id="fahrenheit" type="number" />
      </label>
      <p id="advice" />
    </div>
  ),
})

app.clientsideCallback(
  Output('fahrenheit', 'value'),
  [Input('celsius', 'value')],
  clientside(new URL('./assets/temperature.mjs', import.meta.url), 'toFahrenheit')
)

app.callback(Output('advice', 'children'), [Input('fahrenheit', 'value')], function advice(value) {
  if (value == null || value === '') return 'Enter a temperature.'
  const f = Number(value)
  if (f >= 86) return `${f} °F: hot, stay in the shade.`
  if (f <= 41) return `${f} °F: cold, wear a coat.`
  return `${f} °F: mild.`
})

if (isMain(import.meta)) app.listen()
