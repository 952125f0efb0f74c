/**
 * Dash's "Dynamic filters" pattern-matching example (dash-docs, test_cbwc003): each click of
 * `#add-filter` inserts a filter control `{ type: 'filter-dropdown', index }` with its own output
 * `{ type: 'filter-output', index }`, written by a MATCH callback; `#summary` lists every filter's
 * choice through ALL.
 * Each filter is a `dcc.Dropdown` (one city, or none).
 */
import { ALL, createApp, dcc, html, Input, isMain, MATCH, Output, State } from '../src/index.ts'

const CITIES = ['NYC', 'MTL', 'LA', 'TOKYO']

export const app = createApp({
  title: 'Dynamic filters (pattern matching)',
  // Only callbacks insert dropdowns: listed, so the first page loads the Dropdown's module.
  components: [dcc.Dropdown],
  layout: (
    <div>
      <button id="add-filter" n_clicks={0}>
        Add Filter
      </button>
      <div id="dropdown-container" />
      <div id="summary" />
    </div>
  ),
})

/** One filter: its control (keeping what was picked) and its own output. */
const filter = (index: number, value: string | null) => (
  <div class="filter">
    <label for={JSON.stringify({ index, type: 'filter-dropdown' })}>Filter {index}</label>
    <dcc.Dropdown id={{ type: 'filter-dropdown', index }} options={CITIES} value={value} searchable={false} />
    <html.Div id={{ type: 'filter-output', index }} />
  </div>
)

// The filters are rebuilt from their values (ALL, in page order), plus a new one: what each showed
// survives the re-render.
app.callback(
  Output('dropdown-container', 'children'),
  Input('add-filter', 'n_clicks'),
  [State({ type: 'filter-dropdown', index: ALL }, 'value')],
  function displayDropdowns(n, values) {
    const count = typeof n === 'number' ? n : 0
    return Array.from({ length: count }, (_, i) => filter(i, (values[i] as string | null) ?? null))
  },
  { preventInitialCall: true }
)

app.callback(
  Output({ type: 'filter-output', index: MATCH }, 'children'),
  Input({ type: 'filter-dropdown', index: MATCH }, 'value'),
  [State({ type: 'filter-dropdown', index: MATCH }, 'id')],
  function displayOutput(value, id) {
    const { index } = id as { index: number }
    return `Dropdown ${index} = ${value ?? 'nothing'}`
  }
)

app.callback(
  Output('summary', 'children'),
  Input({ type: 'filter-dropdown', index: ALL }, 'value'),
  function summarise(values) {
    const chosen = values.filter((v) => v != null).length
    return `${values.length} filter(s), ${chosen} with a choice: ${values.map((v) => v ?? '-').join(' | ')}`
  }
)

if (isMain(import.meta)) app.listen()
