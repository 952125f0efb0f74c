/**
 * Dash's "DataTable — Python-driven paging, sorting and filtering", ported: `#table` shows 100,000
 * generated rows, 20 per page. Paging, sorting and filtering are `custom`: they are Inputs of one
 * callback, which answers with the rows of the new page only (from an in-memory source that keeps
 * the order of recent queries). Rows are selectable; `#selected` shows the selected rows' ids.
 */
import { createApp, Input, isMain, Output, ref } from '../src/index.ts'
import { dash_table, memorySource, type Column } from '../views/components/index.ts'

const CITIES = ['Montréal', 'New York City', 'San Francisco', 'Lyon', 'Osaka', 'Nairobi', 'Lima', 'Oslo']
const NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Margaret', 'Linus', 'Radia', 'Tim']

/** Deterministic rows: the same 100,000 in every process. */
export function generateRows(n: number) {
  let seed = 1
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `${NAMES[Math.floor(rand() * NAMES.length)]} ${String.fromCharCode(65 + Math.floor(rand() * 26))}.`,
    city: CITIES[Math.floor(rand() * CITIES.length)]!,
    age: 18 + Math.floor(rand() * 70),
    score: Math.round(rand() * 10000) / 100,
  }))
}

const ROWS = generateRows(100_000)
const source = memorySource(ROWS)
const PAGE_SIZE = 20

const columns: Column[] = [
  { name: 'Id', id: 'id', type: 'numeric' },
  { name: 'Name', id: 'name' },
  { name: 'City', id: 'city' },
  { name: 'Age', id: 'age', type: 'numeric' },
  { name: 'Score', id: 'score', type: 'numeric', format: { specifier: '.2f' } },
]

const table = ref(dash_table.DataTable, 'table')
const first = source.query({ page_current: 0, page_size: PAGE_SIZE })

export const app = createApp({
  title: 'DataTable: 100,000 rows, paged, sorted and filtered by the server',
  layout: (
    <div>
      <dash_table.DataTable
        id={table.id}
        columns={columns}
        data={first.rows}
        page_size={PAGE_SIZE}
        page_current={0}
        page_count={first.page_count}
        page_action="custom"
        sort_action="custom"
        sort_mode="multi"
        sort_by={[]}
        filter_action="custom"
        filter_query=""
        row_selectable="multi"
        selected_row_ids={[]}
      />
      <p>
        Selected ids: <output id="selected">none</output>
      </p>
    </div>
  ),
})

app.callback(
  [Output(table, 'data'), Output(table, 'page_count'), Output(table, 'page_current')],
  [Input(table, 'page_current'), Input(table, 'sort_by'), Input(table, 'filter_query')],
  (page_current, sort_by, filter_query) => {
    const page = source.query({ page_current, page_size: PAGE_SIZE, sort_by, filter_query })
    return [page.rows, page.page_count, page.page_current]
  },
  { preventInitialCall: true }
)

app.callback(Output('selected', 'children'), [Input(table, 'selected_row_ids')], (ids) =>
  ids?.length ? ids.join(', ') : 'none'
)

if (isMain(import.meta)) app.listen()
