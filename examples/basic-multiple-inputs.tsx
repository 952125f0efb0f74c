/**
 * Dash's "Basic Callbacks": multiple inputs. Two indicators (Dropdowns), a linear or log scale for
 * each (RadioItems) and a year (Slider) feed one callback. Dash draws a scatter plot of the
 * countries; this port shows the same pairs as a table (`#indicator-graphic`), from a small dataset
 * made up in this file (no download): six countries, 1952–2007, four indicators.
 */
import { createApp, Input, isMain, Output } from '../src/index.ts'
import { dcc } from '../views/components/index.ts'

// ─── the dataset: smooth made-up trends, the same on every run ─────────────────────────────
const INDICATORS = [
  'Fertility rate, total (births per woman)',
  'Life expectancy at birth, total (years)',
  'GDP per capita (current US$)',
  'Population, total',
] as const
type Indicator = (typeof INDICATORS)[number]

/** Per country: each indicator's value in 1952 and in 2007. */
const COUNTRIES: Record<string, [number, number][]> = {
  Canada: [
    [3.7, 1.6],
    [68.8, 80.7],
    [11_400, 36_300],
    [14_800_000, 33_400_000],
  ],
  Chile: [
    [4.9, 1.9],
    [54.7, 78.6],
    [3_900, 13_200],
    [6_400_000, 16_300_000],
  ],
  Ghana: [
    [6.4, 4.3],
    [43.1, 60.0],
    [900, 1_300],
    [5_600_000, 22_900_000],
  ],
  India: [
    [5.9, 2.7],
    [37.4, 64.7],
    [550, 2_450],
    [372_000_000, 1_110_000_000],
  ],
  Japan: [
    [3.0, 1.3],
    [63.0, 82.6],
    [3_200, 31_700],
    [86_500_000, 127_500_000],
  ],
  Norway: [
    [2.6, 1.9],
    [72.7, 80.2],
    [10_100, 49_400],
    [3_300_000, 4_600_000],
  ],
}
const YEARS = Array.from({ length: 12 }, (_, i) => 1952 + 5 * i)

/** An indicator's value for a country and year: linear between the ends for rates, geometric for sizes. */
function valueOf(country: string, indicator: Indicator, year: number): number {
  const [from, to] = COUNTRIES[country]![INDICATORS.indexOf(indicator)]!
  const t = (year - 1952) / (2007 - 1952)
  const v =
    indicator.startsWith('Fertility') || indicator.startsWith('Life')
      ? from + (to - from) * t
      : from * (to / from) ** t
  return indicator.startsWith('Fertility')
    ? Math.round(v * 100) / 100
    : indicator.startsWith('Life')
      ? Math.round(v * 10) / 10
      : Math.round(v)
}

const shown = (v: number, type: unknown) =>
  type === 'Log' ? Math.log10(v).toFixed(3) : v.toLocaleString('en-US')
const header = (name: string, type: unknown) => (type === 'Log' ? `log₁₀ ${name}` : name)

// ─── the app ───────────────────────────────────────────────────────────────────────────────
const axis = (which: 'x' | 'y', indicator: Indicator) => (
  <fieldset style={{ flex: '0 1 48%', boxSizing: 'border-box' }}>
    <legend>{which === 'x' ? 'Horizontal' : 'Vertical'} axis</legend>
    <label for={`${which}axis-column`}>Indicator</label>
    <dcc.Dropdown id={`${which}axis-column`} options={[...INDICATORS]} value={indicator} />
    <dcc.RadioItems id={`${which}axis-type`} options={['Linear', 'Log']} value="Linear" inline />
  </fieldset>
)

export const app = createApp({
  title: 'Basic callbacks: multiple inputs',
  layout: (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        {axis('x', 'Fertility rate, total (births per woman)')}
        {axis('y', 'Life expectancy at birth, total (years)')}
      </div>
      <div id="indicator-graphic" />
      <p>Year</p>
      <dcc.Slider
        id="year--slider"
        min={YEARS[0]}
        max={YEARS[YEARS.length - 1]}
        step={null}
        value={YEARS[YEARS.length - 1]}
        marks={Object.fromEntries(YEARS.map((y) => [y, String(y)]))}
      />
    </div>
  ),
})

app.callback(
  Output('indicator-graphic', 'children'),
  [
    Input('xaxis-column', 'value'),
    Input('yaxis-column', 'value'),
    Input('xaxis-type', 'value'),
    Input('yaxis-type', 'value'),
    Input('year--slider', 'value'),
  ],
  function update_graph(xaxis_column_name, yaxis_column_name, xaxis_type, yaxis_type, year_value) {
    const x = INDICATORS.find((i) => i === xaxis_column_name)
    const y = INDICATORS.find((i) => i === yaxis_column_name)
    if (!x || !y) return <p>Pick an indicator for each axis.</p>
    const year = Number(year_value)
    return (
      <table>
        <caption>
          {y} against {x}, {year}
        </caption>
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">{header(x, xaxis_type)}</th>
            <th scope="col">{header(y, yaxis_type)}</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(COUNTRIES).map((c) => (
            <tr>
              <th scope="row">{c}</th>
              <td>{shown(valueOf(c, x, year), xaxis_type)}</td>
              <td>{shown(valueOf(c, y, year), yaxis_type)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )
  }
)

if (isMain(import.meta)) app.listen()
