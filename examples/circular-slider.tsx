/**
 * Seed: "Synchronizing a Slider with a Text Input". One callback keeps both in sync; it is not
 * re-run by its own writes (R36).
 */
import { createApp, ctx, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const marks = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, String(i)]))

export const app = createApp({
  title: 'Circular: slider and input',
  layout: (
    <div>
      <dcc.Slider id="slider-circular" min={0} max={20} marks={marks} value={3} />
      <dcc.Input id="input-circular" type="number" min={0} max={20} value={3} />
    </div>
  ),
})

app.callback(
  [Output('input-circular', 'value'), Output('slider-circular', 'value')],
  [Input('input-circular', 'value'), Input('slider-circular', 'value')],
  function callback(input_value, slider_value) {
    const trigger_id = ctx.triggered[0]!.prop_id.split('.')[0]
    const value = trigger_id === 'input-circular' ? input_value : slider_value
    return [value, value]
  }
)

if (isMain(import.meta)) app.listen()
