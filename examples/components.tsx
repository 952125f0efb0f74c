/**
 * Every built-in component on one page, each wired to a callback that echoes what it holds:
 * the components gallery. Each section's output is `#<component id>-out`.
 */
import { createApp, Input, isMain, Output, ref } from '../src/index.ts'
import { dash_table, dcc, type Figure } from '../views/components/index.ts'

const CITIES = ['New York City', 'Montréal', 'San Francisco']
const show = (v: unknown) => (v == null || v === '' ? 'nothing' : JSON.stringify(v))

const figure = (k: number): Figure => ({
  data: [{ type: 'bar', x: ['a', 'b', 'c'], y: [1, 2, 3].map((n) => n * k), name: 'bars' }],
  layout: { title: { text: `Bars × ${k}` }, height: 260, margin: { t: 40, b: 30, l: 30, r: 10 } },
})

const table = ref(dash_table.DataTable, 'table')

/** One labelled section: the control, then the output its callback writes. */
const Section = (p: { id: string; title: string; children?: unknown }) => (
  <section aria-labelledby={`${p.id}-title`}>
    <h2 id={`${p.id}-title`}>{p.title}</h2>
    {p.children as never}
    <p>
      Value: <output id={`${p.id}-out`}>…</output>
    </p>
  </section>
)

export const app = createApp({
  title: 'hyperdash components',
  layout: (
    <main>
      <h1>Components</h1>
      <dcc.Location id="url" />
      <Section id="input" title="dcc.Input">
        <label for="input">Text</label>
        <dcc.Input id="input" value="hello" debounce={300} />
      </Section>
      <Section id="textarea" title="dcc.Textarea">
        <label for="textarea">Notes</label>
        <dcc.Textarea id="textarea" value="Two\nlines" rows={3} debounce={300} />
      </Section>
      <Section id="dropdown" title="dcc.Dropdown">
        <label for="dropdown">City</label>
        <dcc.Dropdown id="dropdown" options={CITIES} value="Montréal" />
      </Section>
      <Section id="multi" title="dcc.Dropdown (multi)">
        <label for="multi">Cities</label>
        <dcc.Dropdown id="multi" options={CITIES} value={['Montréal']} multi />
      </Section>
      <Section id="radio" title="dcc.RadioItems">
        <fieldset>
          <legend>One city</legend>
          <dcc.RadioItems id="radio" options={CITIES} value="New York City" inline />
        </fieldset>
      </Section>
      <Section id="checklist" title="dcc.Checklist">
        <fieldset>
          <legend>Some cities</legend>
          <dcc.Checklist id="checklist" options={CITIES} value={[]} inline />
        </fieldset>
      </Section>
      <Section id="slider" title="dcc.Slider">
        <dcc.Slider id="slider" min={0} max={10} step={1} value={3} marks={{ 0: '0', 5: '5', 10: '10' }} />
      </Section>
      <Section id="range" title="dcc.RangeSlider">
        <dcc.RangeSlider id="range" min={0} max={100} step={5} value={[20, 80]} />
      </Section>
      <Section id="date" title="dcc.DatePickerSingle">
        <dcc.DatePickerSingle id="date" date="2026-12-01" placeholder="A day" />
      </Section>
      <Section id="dates" title="dcc.DatePickerRange">
        <dcc.DatePickerRange
          id="dates"
          start_date="2026-12-01"
          end_date="2026-12-24"
          start_date_placeholder_text="From"
          end_date_placeholder_text="To"
        />
      </Section>
      <Section id="tabs" title="dcc.Tabs">
        <dcc.Tabs id="tabs" value="one">
          <dcc.Tab label="One" value="one">
            <p>The first tab's content.</p>
          </dcc.Tab>
          <dcc.Tab label="Two" value="two">
            <p>The second tab's content.</p>
          </dcc.Tab>
        </dcc.Tabs>
      </Section>
      <Section id="interval" title="dcc.Interval and dcc.Store">
        <dcc.Interval id="interval" interval={1000} max_intervals={5} />
        <dcc.Store id="store" data={{ ticks: 0 }} />
      </Section>
      <Section id="confirm" title="dcc.ConfirmDialogProvider">
        <dcc.ConfirmDialogProvider id="confirm" message="Really?">
          <button id="confirm-button" type="button">
            Ask first
          </button>
        </dcc.ConfirmDialogProvider>
      </Section>
      <Section id="upload" title="dcc.Upload">
        <dcc.Upload id="upload" max_size={100_000}>
          Drop a file here, or <u>choose one</u>
        </dcc.Upload>
      </Section>
      <Section id="link" title="dcc.Link and dcc.Location">
        <nav>
          <dcc.Link id="link" href="?page=2">
            Page 2
          </dcc.Link>{' '}
          <dcc.Link href="?page=1">Page 1</dcc.Link>
        </nav>
      </Section>
      <Section id="markdown" title="dcc.Markdown and dcc.Loading">
        <dcc.Loading id="loading">
          <dcc.Markdown id="markdown">*Type above*: the text input becomes **Markdown** here.</dcc.Markdown>
        </dcc.Loading>
      </Section>
      <Section id="graph" title="dcc.Graph">
        <dcc.Graph id="graph" figure={figure(1)} />
      </Section>
      <Section id="table" title="dash_table.DataTable">
        <dash_table.DataTable
          id={table.id}
          columns={[
            { name: 'City', id: 'city' },
            { name: 'Population', id: 'pop', type: 'numeric' },
          ]}
          data={[
            { id: 1, city: 'New York City', pop: 8_336_817 },
            { id: 2, city: 'Montréal', pop: 1_762_949 },
            { id: 3, city: 'San Francisco', pop: 808_437 },
          ]}
          row_selectable="single"
          selected_rows={[]}
          sort_action="native"
          page_size={10}
        />
      </Section>
    </main>
  ),
})

// One echo per component: what the server received, as JSON.
for (const [id, prop] of [
  ['input', 'value'],
  ['textarea', 'value'],
  ['dropdown', 'value'],
  ['multi', 'value'],
  ['radio', 'value'],
  ['checklist', 'value'],
  ['slider', 'value'],
  ['range', 'value'],
  ['date', 'date'],
  ['tabs', 'value'],
  ['confirm', 'submit_n_clicks'],
  ['upload', 'filename'],
] as const) {
  app.callback(Output(`${id}-out`, 'children'), [Input(id, prop)], (v) => show(v))
}

app.callback(
  Output('dates-out', 'children'),
  [Input('dates', 'start_date'), Input('dates', 'end_date')],
  (start, end) => `${show(start)} to ${show(end)}`
)

app.callback(
  [Output('store', 'data'), Output('interval-out', 'children')],
  [Input('interval', 'n_intervals')],
  (n) => [{ ticks: n ?? 0 }, `${n ?? 0} tick(s), kept in the store`]
)

app.callback(
  Output('link-out', 'children'),
  [Input('url', 'search')],
  (search) => `location.search is ${show(search)}`
)

app.callback(Output('markdown', 'children'), [Input('input', 'value')], (text) => `**${text ?? ''}**`)
app.callback(Output('markdown-out', 'children'), [Input('input', 'value')], (text) =>
  show(`**${text ?? ''}**`)
)

app.callback(Output('graph', 'figure'), [Input('slider', 'value')], (k) => figure(Number(k ?? 1)))
app.callback(Output('graph-out', 'children'), [Input('graph', 'clickData')], (d) => show(d))

app.callback(Output('table-out', 'children'), [Input(table, 'selected_rows')], (rows) => show(rows))

if (isMain(import.meta)) app.listen()
