/**
 * Dash's "Interactive Visualizations" crossfilter, ported: `#scatter` (dcc.Graph) plots life
 * expectancy against income for every country in the `#year` chosen; clicking a point (`clickData`)
 * filters `#histogram` to that point's continent. Moving `#year` updates both figures with
 * `Plotly.react` on the same plot; the scatter's `uirevision` keeps the user's zoom.
 */
import { createApp, Input, isMain, Output, ref } from '../src/index.ts'
import { dcc, type Figure } from '../views/components/index.ts'

const CONTINENTS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'] as const
const YEARS = Array.from({ length: 12 }, (_, i) => 1952 + 5 * i)

interface Row {
  country: string
  continent: string
  year: number
  gdp: number
  lifeExp: number
}

/** A deterministic stand-in for gapminder: 120 countries, 12 years. */
function dataset(): Row[] {
  let seed = 42
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const rows: Row[] = []
  for (let c = 0; c < 120; c++) {
    const continent = CONTINENTS[c % CONTINENTS.length]!
    const base = 600 + rand() * 8000 * (1 + CONTINENTS.indexOf(continent) / 2)
    const life = 38 + rand() * 20 + CONTINENTS.indexOf(continent) * 3
    YEARS.forEach((year, i) =>
      rows.push({
        country: `${continent.slice(0, 3)}-${String(c).padStart(3, '0')}`,
        continent,
        year,
        gdp: Math.round(base * 1.035 ** (5 * i) * (0.9 + rand() * 0.2)),
        lifeExp: Math.round((life + i * (1.2 + rand())) * 10) / 10,
      })
    )
  }
  return rows
}
const ROWS = dataset()

function scatter(year: number): Figure {
  const rows = ROWS.filter((r) => r.year === year)
  return {
    data: CONTINENTS.map((continent) => {
      const of = rows.filter((r) => r.continent === continent)
      return {
        type: 'scatter',
        mode: 'markers',
        name: continent,
        x: of.map((r) => r.gdp),
        y: of.map((r) => r.lifeExp),
        customdata: of.map((r) => r.continent),
        text: of.map((r) => r.country),
        marker: { size: 10, opacity: 0.8 },
      }
    }),
    layout: {
      title: { text: `Life expectancy and income, ${year}` },
      xaxis: { type: 'log', title: { text: 'GDP per capita' } },
      yaxis: { title: { text: 'Life expectancy' }, range: [30, 95] },
      hovermode: 'closest',
      height: 420,
      margin: { l: 60, r: 20, t: 50, b: 50 },
      // The same revision for every year: a zoom the user made survives the slider.
      uirevision: 'scatter',
    },
  }
}

function histogram(year: number, continent: string | null): Figure {
  const rows = ROWS.filter((r) => r.year === year && (!continent || r.continent === continent))
  return {
    data: [
      { type: 'histogram', name: continent ?? 'All continents', x: rows.map((r) => r.lifeExp), nbinsx: 15 },
    ],
    layout: {
      title: { text: `${continent ?? 'All continents'}: life expectancy in ${year}` },
      xaxis: { title: { text: 'Life expectancy' }, range: [30, 95] },
      height: 320,
      margin: { l: 50, r: 20, t: 50, b: 50 },
      bargap: 0.05,
    },
  }
}

const year = ref(dcc.Slider, 'year')
const scatterGraph = ref(dcc.Graph, 'scatter')

export const app = createApp({
  title: 'Crossfilter: two graphs and a slider',
  layout: (
    <div>
      <dcc.Graph id="scatter" />
      <p id="picked">Click a point to see its continent below.</p>
      <dcc.Graph id="histogram" />
      <label for="year">Year</label>
      <dcc.Slider
        id="year"
        min={YEARS[0]!}
        max={YEARS.at(-1)!}
        step={5}
        value={2007}
        marks={Object.fromEntries(YEARS.map((y) => [y, String(y)]))}
      />
    </div>
  ),
})

app.callback(Output('scatter', 'figure'), [Input(year, 'value')], (y) => scatter(y ?? 2007))

/** The continent of the clicked point (its `customdata`), or null before any click. */
function continentOf(click: { points: Record<string, unknown>[] } | null): string | null {
  const c = click?.points[0]?.['customdata']
  return typeof c === 'string' && (CONTINENTS as readonly string[]).includes(c) ? c : null
}

app.callback(
  [Output('histogram', 'figure'), Output('picked', 'children')],
  [Input(year, 'value'), Input(scatterGraph, 'clickData')],
  (y, click) => {
    const continent = continentOf(click)
    const point = click?.points[0]
    return [
      histogram(y ?? 2007, continent),
      continent
        ? `Picked ${String(point?.['text'] ?? '')} (${continent}).`
        : 'Click a point to see its continent below.',
    ]
  }
)

if (isMain(import.meta)) app.listen()
