/**
 * DataTable over HTTP: the table a browser without JavaScript gets, native actions done by the
 * server (no callback), edits applied to the signed rows and checked, a bad filter query shown under
 * the table (never a 500), and the filter boxes turned into Dash's query.
 */
import { describe, expect, it } from 'vitest'
import { app as paging } from '../../examples/table-paging.tsx'
import { createApp, Input, Output, ref } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dash_table } from '../../views/components/index.ts'
import { formatNumber } from '../../views/components/data-table.tsx'

const rows = Array.from({ length: 12 }, (_, i) => ({
  id: i,
  city: ['Lyon', 'Oslo', 'Lima'][i % 3]!,
  pop: i * 10,
}))
const columns = [
  { name: 'City', id: 'city' },
  { name: 'Population', id: 'pop', type: 'numeric' as const, format: { specifier: ',.1f' } },
]

function nativeApp() {
  const t = ref(dash_table.DataTable, 't')
  const a = createApp({
    layout: (
      <div>
        <dash_table.DataTable
          id="t"
          columns={columns}
          data={rows}
          page_size={5}
          sort_action="native"
          filter_action="native"
          editable
        />
        <p id="out" />
      </div>
    ),
  })
  a.callback(Output('out', 'children'), [Input(t, 'data'), Input(t, 'data_timestamp')], (data) =>
    String((data ?? []).reduce((s, r) => s + Number(r['pop']), 0))
  )
  return a
}

/** An update request for table `id` as the page has it, with `values` read in the browser. */
async function post(
  app: ReturnType<typeof createApp>,
  id: string,
  changed: string[],
  values: Record<string, unknown>,
  others: string[] = []
) {
  const page = await renderPage(app)
  const component = (c: string, v: Record<string, unknown>) => ({
    state: page.attr(c, 'data-hd')!,
    sig: page.attr(c, 'data-hd-sig')!,
    parent: null,
    values: v,
  })
  const body = {
    changed,
    components: Object.fromEntries([
      [id, component(id, values)],
      ...others.map((o) => [o, component(o, {})]),
    ]),
  }
  const res = await app.request('/_hd/update', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, text: await res.text() }
}

const base = {
  page_current: 0,
  sort_by: [],
  filter_query: '',
  selected_rows: [],
  selected_row_ids: [],
  data: [],
  data_timestamp: null,
}
const cells = (html: string, col: string) =>
  [...html.matchAll(new RegExp(`<td data-col="${col}"[^>]*>([^<]*)</td>`, 'g'))].map((m) => m[1])

describe('the page', () => {
  it('is a plain table with headers, formatted numbers, a pager and filter boxes', async () => {
    const a = nativeApp()
    const page = await renderPage(a)
    const html = await (await a.request('/')).text()
    expect(html).toContain(
      '<th scope="col" data-col="pop" style=""><button type="submit" name="hd:t.sort_by" form="hd-app-form" ' +
        'value="[{&quot;column_id&quot;:&quot;pop&quot;,&quot;direction&quot;:&quot;asc&quot;}]" class="hd-table-sort" ' +
        'data-col="pop" aria-label="Sort by Population">Population <span aria-hidden="true">⇅</span></button></th>'
    )
    // Without JavaScript the pager's buttons post the page they lead to.
    expect(html).toContain(
      '<button type="submit" name="hd:t.page_current" form="hd-app-form" value="1" data-page="1" aria-label="Next page">›</button>'
    )
    expect(html).toContain(
      '<input type="text" data-col="city" value="" placeholder="filter data…" aria-label="Filter City" autocomplete="off"/>'
    )
    expect(cells(html, 'pop')).toEqual(['0.0', '10.0', '20.0', '30.0', '40.0'])
    expect(page.text('t')).toContain('Page 1 of 3')
    expect(page.attr('t', 'hx-trigger')).toBe('table-page, table-sort, table-filter, table-edit')
    expect(page.attr('t', 'hd-t')).toBe(
      'page_current:table-page sort_by:table-sort filter_query:table-filter data:table-edit data_timestamp:table-edit'
    )
  })

  it("carries the rows in the signed state (the server pages them), the page's props as values", async () => {
    const page = await renderPage(nativeApp())
    const state = JSON.parse(page.attr('t', 'data-hd')!)
    expect(state.props.data).toEqual(rows)
    expect(state.read).toEqual({
      page_current: 'table',
      sort_by: 'table',
      filter_query: 'table',
      selected_rows: 'table',
      selected_row_ids: 'table',
      data: 'table',
      data_timestamp: 'table',
    })
  })
})

describe('native actions, done by the server', () => {
  it.each([
    ['a page turn', ['t.page_current'], { page_current: 2 }, ['100.0', '110.0'], 'Page 3 of 3'],
    [
      'a sort',
      ['t.sort_by'],
      { sort_by: [{ column_id: 'pop', direction: 'desc' }] },
      ['110.0', '100.0', '90.0', '80.0', '70.0'],
      'Page 1 of 3',
    ],
    [
      'filter boxes',
      ['t.filter_query'],
      { filter_query: { boxes: { city: 'Oslo', pop: '> 20' } } },
      ['40.0', '70.0', '100.0'],
      'Page 1 of 1',
    ],
    [
      'a query',
      ['t.filter_query'],
      { filter_query: '{pop} <= 10 || {pop} >= 110' },
      ['0.0', '10.0', '110.0'],
      'Page 1 of 1',
    ],
  ])('%s re-renders the table, with no callback', async (_, changed, values, pops, label) => {
    const res = await post(nativeApp(), 't', changed, { ...base, ...values })
    expect(res.status).toBe(200)
    expect(res.text.startsWith('<template id="t" hx-swap-oob="hd" hd-morph="" hd-cb="">')).toBe(true)
    expect(cells(res.text, 'pop')).toEqual(pops)
    expect(res.text).toContain(label)
  })

  it('shows the boxes as the query the server made of them', async () => {
    const res = await post(nativeApp(), 't', ['t.filter_query'], {
      ...base,
      filter_query: { boxes: { city: 'Oslo', pop: '> 20' } },
    })
    expect(res.text).toContain('data-col="city" value="contains &quot;Oslo&quot;"')
    expect(res.text).toContain(
      '&quot;filter_query&quot;:&quot;{city} contains \\&quot;Oslo\\&quot; &amp;&amp; {pop} &gt; 20&quot;'
    )
  })

  it('a bad query: every row, and the reason under the table (200)', async () => {
    const res = await post(nativeApp(), 't', ['t.filter_query'], { ...base, filter_query: '{pop} >> 3' })
    expect(res.status).toBe(200)
    expect(res.text).toContain(
      '<p class="hd-table-error" role="alert">Invalid filter query: Expected a value after &#39;&gt;&#39; but found &#39;&gt;&#39; at 8.</p>'
    )
    expect(res.text).toContain('Page 1 of 3')
  })
})

describe('edits', () => {
  it('are applied to the signed rows: a callback reading data gets the edited rows', async () => {
    const res = await post(
      nativeApp(),
      't',
      ['t.data', 't.data_timestamp'],
      {
        ...base,
        data: [{ row: 1, column_id: 'pop', value: 999 }],
        data_timestamp: 1,
      },
      ['out']
    )
    expect(res.status).toBe(200)
    expect(res.text).toBe('<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">1649</template>')
  })

  it.each([
    [[{ row: 99, column_id: 'pop', value: 1 }], 'there is no row 99'],
    [[{ row: 0, column_id: 'nope', value: 1 }], "there is no column 'nope'"],
    [[{ row: 0, column_id: 'pop', value: 'many' }], "column 'pop' holds numbers"],
    [[{ row: 0, column_id: 'pop', value: { a: 1 } }], 'Invalid input'],
  ])('refuses %j with 422', async (data, why) => {
    const res = await post(nativeApp(), 't', ['t.data'], { ...base, data, data_timestamp: 1 })
    expect(res.status).toBe(422)
    expect(res.text).toContain("Invalid value for 't.data'")
    expect(res.text).toContain(why)
  })

  it('refuses an edit of a table that is not editable', async () => {
    const a = createApp({ layout: <dash_table.DataTable id="ro" columns={columns} data={rows} /> })
    const t = ref(dash_table.DataTable, 'ro')
    a.callback(Output('ro', 'style_table'), [Input(t, 'data')], () => ({}))
    const res = await post(a, 'ro', ['ro.data'], { ...base, data: [{ row: 0, column_id: 'pop', value: 1 }] })
    expect([res.status, res.text]).toEqual([422, "Invalid value for 'ro.data': column 'pop' is not editable"])
  })
})

describe('custom actions (examples/table-paging.tsx)', () => {
  it('a page turn answers with the 20 rows of the page only', async () => {
    const res = await post(paging, 'table', ['table.page_current'], { ...base, page_current: 4999 })
    expect(res.status).toBe(200)
    expect(cells(res.text, 'id')).toEqual(Array.from({ length: 20 }, (_, i) => String(99981 + i)))
    expect(res.text.length).toBeLessThan(20_000)
  })

  it('a bad query from the page is a message, never a 500', async () => {
    const res = await post(paging, 'table', ['table.filter_query'], {
      ...base,
      filter_query: '{age} > 5 && (',
    })
    expect(res.status).toBe(200)
    expect(res.text).toContain(
      'Invalid filter query: Expected a column such as {price} but found the end of the query.'
    )
  })
})

it.each([
  [1234.5, ',.2f', '1,234.50'],
  [0.1234, '.1%', '12.3%'],
  [-5, '$,.2f', '-$5.00'],
  [12345.678, ',d', '12,346'],
  [12345.678, '.2e', '1.23e+4'],
  [3, 'nonsense', '3'],
])('formats %d with %j as %j', (n, spec, text) => {
  expect(formatNumber(n, spec)).toBe(text)
})
