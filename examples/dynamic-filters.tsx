/**
 * Dash's "Dynamic filters" pattern-matching example (dash-docs, test_cbwc003): each click of
 * `#add-filter` inserts a filter control `{ type: 'filter-dropdown', index }` with its own output
 * `{ type: 'filter-output', index }`, written by a MATCH callback; `#summary` lists every filter's
 * choice through ALL.
 *
 * The filters are `dcc.Checklist`s for now: hyperdash has no `dcc.Dropdown` yet. Swap it in when it
 * exists (the callbacks read `value` either way).
 */
import { ALL, createApp, dcc, html, Input, isMain, MATCH, Output, State } from '../src/index.ts'

const CITIES = ['NYC', 'MTL', 'LA', 'TOKYO']

export const app = createApp({
  title: 'Dynamic filters (pattern matching)',
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
const filter = (index: number, value: unknown[]) => (
  <div class="filter">
    <dcc.Checklist
      id={{ type: 'filter-dropdown', index }}
      options={CITIES}
      value={value as string[]}
      inline
    />
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
    return Array.from({ length: count }, (_, i) => filter(i, (values[i] as unknown[] | null) ?? []))
  },
  { preventInitialCall: true }
)

app.callback(
  Output({ type: 'filter-output', index: MATCH }, 'children'),
  Input({ type: 'filter-dropdown', index: MATCH }, 'value'),
  [State({ type: 'filter-dropdown', index: MATCH }, 'id')],
  function displayOutput(value, id) {
    const { index } = id as { index: number }
    const picked = Array.isArray(value) && value.length ? value.join(', ') : 'nothing'
    return `Dropdown ${index} = ${picked}`
  }
)

app.callback(
  Output('summary', 'children'),
  Input({ type: 'filter-dropdown', index: ALL }, 'value'),
  function summarise(values) {
    const chosen = values.filter((v) => Array.isArray(v) && v.length).length
    return `${values.length} filter(s), ${chosen} with a choice: ${values
      .map((v) => (Array.isArray(v) && v.length ? v.join('+') : '-'))
      .join(' | ')}`
  }
)

if (isMain(import.meta)) app.listen()
