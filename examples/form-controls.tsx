/**
 * Form controls wired to one callback: a textarea, a date, a date range, a number with constraints,
 * a range slider and a slider that snaps to its marks. Each value is echoed into `#form-output`;
 * Enter and leaving the quantity field are counted (`n_submit`, `n_blur`) into `#qty-events`.
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

const fmt = (v: unknown) => (v == null ? 'None' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v))

export const app = createApp({
  title: 'Form controls',
  layout: (
    <div>
      <h1>Form controls</h1>
      <p>
        <label for="notes">Notes</label>
        <br />
        <dcc.Textarea
          id="notes"
          rows={3}
          cols={40}
          maxLength={200}
          placeholder="A few words"
          debounce={300}
        />
      </p>
      <div class="field">
        When:{' '}
        <dcc.DatePickerSingle
          id="when"
          date="2024-05-03"
          min_date_allowed="2024-01-01"
          max_date_allowed="2024-12-31"
          disabled_days={['2024-05-04', '2024-05-05']}
          placeholder="When"
          clearable
        />
      </div>
      <div class="field">
        Period:{' '}
        <dcc.DatePickerRange
          id="period"
          start_date="2024-05-01"
          end_date="2024-05-08"
          min_date_allowed="2024-01-01"
          max_date_allowed="2024-12-31"
          clearable
        />
      </div>
      <p>
        <label for="qty">Quantity</label>{' '}
        <dcc.Input id="qty" type="number" min={1} step={1} value={1} debounce />
      </p>
      <p id="qty-events">n_submit: 0, n_blur: 0</p>
      <p>Price range</p>
      <dcc.RangeSlider
        id="price-range"
        min={0}
        max={100}
        step={5}
        value={[20, 60]}
        allowCross={false}
        marks={{ 0: '$0', 50: '$50', 100: '$100' }}
        tooltip={{ placement: 'bottom' }}
      />
      <p>Snap to a mark</p>
      <dcc.Slider
        id="snap"
        min={0}
        max={100}
        step={null}
        value={50}
        marks={{ 0: 'none', 10: 'a little', 50: 'half', 100: 'all' }}
        tooltip={{ always_visible: true }}
      />
      <pre id="form-output" />
    </div>
  ),
})

app.callback(
  Output('form-output', 'children'),
  [
    Input('notes', 'value'),
    Input('when', 'date'),
    Input('period', 'start_date'),
    Input('period', 'end_date'),
    Input('qty', 'value'),
    Input('price-range', 'value'),
    Input('snap', 'value'),
  ],
  (notes, when, start, end, qty, range, snap) =>
    [
      `notes: ${fmt(notes)}`,
      `when: ${fmt(when)}`,
      `period: ${fmt(start)} to ${fmt(end)}`,
      `qty: ${fmt(qty)}`,
      `price-range: ${fmt(range)}`,
      `snap: ${fmt(snap)}`,
    ].join('\n')
)

app.callback(
  Output('qty-events', 'children'),
  [Input('qty', 'n_submit'), Input('qty', 'n_blur')],
  (submits, blurs) => `n_submit: ${submits ?? 0}, n_blur: ${blurs ?? 0}`,
  { preventInitialCall: true }
)

if (isMain(import.meta)) app.listen()
