/**
 * A small live dashboard: an Interval takes a reading every second (`INTERVAL_MS` to change), a
 * session Store accumulates them (a reload keeps them), Tabs switch between an overview and the
 * details (content rendered by a callback), and a button clears the store.
 */
import { createApp, ctx, Input, isMain, Output, ref, State } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

/** One reading: its number, and a value that moves like a sensor's (the same for the same number). */
export interface Reading {
  n: number
  value: number
}
export const readingFor = (n: number): Reading => ({
  n,
  value: Math.round((50 + 20 * Math.sin(n / 2) + 5 * Math.cos(n * 1.7)) * 10) / 10,
})
/** Readings the store keeps (the oldest go first). */
export const KEEP = 50

const interval = ref(dcc.Interval, 'interval')
const store = ref(dcc.Store, 'store')
const tabs = ref(dcc.Tabs, 'tabs')

export const app = createApp({
  title: 'Live dashboard',
  layout: () => (
    <main>
      <h1>Live dashboard</h1>
      <dcc.Interval id={interval.id} interval={Number(process.env['INTERVAL_MS'] ?? 1000)} />
      <dcc.Store id={store.id} storage_type="session" data={[]} />
      <p>
        Latest: <strong id="live-value">Waiting for the first reading…</strong>{' '}
        <button id="reset" type="button">
          Reset
        </button>
      </p>
      <dcc.Tabs id={tabs.id} value="overview">
        <dcc.Tab label="Overview" value="overview" />
        <dcc.Tab label="Details" value="details" />
      </dcc.Tabs>
      <section id="tabs-content" aria-live="polite" />
      <h2>Last readings</h2>
      <ol id="history" />
    </main>
  ),
})

const asReadings = (data: unknown): Reading[] => (Array.isArray(data) ? (data as Reading[]) : [])

// One callback writes the store: a tick appends a reading, Reset empties it.
app.callback(
  [Output(store, 'data'), Output('live-value', 'children')],
  [Input(interval, 'n_intervals'), Input('reset', 'n_clicks')],
  [State(store, 'data')],
  function takeReading(_n, _clicks, data) {
    if (ctx.triggeredId === 'reset') return [[], 'Reset: no readings yet']
    const readings = asReadings(data)
    const next = readingFor((readings.at(-1)?.n ?? 0) + 1)
    return [[...readings, next].slice(-KEEP), `#${next.n}: ${next.value}`]
  },
  { preventInitialCall: true }
)

app.callback(Output('history', 'children'), [Input(store, 'data')], function history(data) {
  return asReadings(data)
    .slice(-10)
    .reverse()
    .map((r) => (
      <li>
        #{r.n}: {r.value}
      </li>
    ))
})

app.callback(
  Output('tabs-content', 'children'),
  [Input(tabs, 'value'), Input(store, 'data')],
  function tabContent(tab, data) {
    const readings = asReadings(data)
    if (tab === 'details') {
      return (
        <table id="details-table">
          <thead>
            <tr>
              <th scope="col">Reading</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {readings.map((r) => (
              <tr>
                <td>{r.n}</td>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )
    }
    if (!readings.length) return <p id="overview">No readings yet.</p>
    const avg = readings.reduce((s, r) => s + r.value, 0) / readings.length
    return (
      <p id="overview">
        {readings.length} readings, average {avg.toFixed(1)}, latest {readings.at(-1)!.value}
      </p>
    )
  }
)

if (isMain(import.meta)) app.listen()
