/**
 * @module charts
 * Section 7: bytes on the wire for a 100,000-point scatter in a dcc.Graph (the page's HTML, raw,
 * gzip and brotli), with the data as JSON numbers and as Plotly's base64 typed arrays; and the
 * transfer of plotly.js itself.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { createApp } from '../../src/index.ts'
import { PLOTLY_FILE } from '../../src/protocol/plotly.ts'
import { encodedBody, staticFiles } from '../../src/server/static-files.ts'
import { dcc, typedArray, type Trace } from '../../views/components/index.ts'
import { kb } from './stats.ts'

const gz = (b: Buffer) => gzipSync(b, { level: 6 }).length
const br = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length

const N = 100_000

/** A noisy random walk: x a time index, y real-valued (what a sensor or a price looks like). */
function series(): { x: Float64Array; y: Float64Array } {
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const x = new Float64Array(N)
  const y = new Float64Array(N)
  let v = 100
  for (let i = 0; i < N; i++) {
    x[i] = i
    v += rand() - 0.5
    y[i] = v
  }
  return { x, y }
}

async function pageBytes(trace: Trace): Promise<Buffer> {
  const app = createApp({
    layout: <dcc.Graph id="g" figure={{ data: [{ type: 'scattergl', mode: 'markers', ...trace }] }} />,
  })
  return Buffer.from(await (await app.request('/')).arrayBuffer())
}

export async function graphBytesSection() {
  const { x, y } = series()
  const round = (a: Float64Array, d: number) => Array.from(a, (v) => Math.round(v * 10 ** d) / 10 ** d)
  const variants: [string, Trace][] = [
    ['JSON numbers, full precision', { x: Array.from(x), y: Array.from(y) }],
    ['JSON numbers, y to 2 decimals', { x: Array.from(x), y: round(y, 2) }],
    ['base64 `f8` (typedArray(Float64Array))', { x: typedArray(x), y: typedArray(y) }],
    ['base64 `f4` (typedArray(…, "f4"))', { x: typedArray(x, 'f4'), y: typedArray(y, 'f4') }],
    ['x `i4`, y `f4`', { x: typedArray(x, 'i4'), y: typedArray(y, 'f4') }],
  ]
  const rows: { variant: string; raw: number; gzip: number; brotli: number }[] = []
  for (const [variant, trace] of variants) {
    const b = await pageBytes(trace)
    rows.push({ variant, raw: b.length, gzip: gz(b), brotli: br(b) })
  }
  const plotly = staticFiles().get(PLOTLY_FILE)!
  const plotlyGzip = encodedBody(plotly, 'gzip').body.length
  const brotli = brotliCompressSync(plotly.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length
  const markdown = [
    `A page with one dcc.Graph of ${N.toLocaleString('en-US')} points (x, y), as the server sends it:`,
    '',
    '| data as | HTML | gzip (6) | brotli (5) |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.variant} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`),
    '',
    `plotly.js (${PLOTLY_FILE}, once per browser, cached for a year): ${kb(plotly.body.length)} raw, ` +
      `${kb(plotlyGzip)} gzip (9, made on first request), ${kb(brotli)} brotli (9, made in the background).`,
    '',
    "hyperdash does not compress pages or updates itself: put a compressing proxy (or Hono's " +
      '`compress()` middleware) in front; the static route compresses files over 32 KB (plotly.js).',
  ].join('\n')
  return { rows, plotly: { raw: plotly.body.length, gzip: plotlyGzip, brotli }, markdown }
}

/**
 * Section 8: a DataTable with custom paging, sorting and filtering over an in-memory source of
 * 1,000,000 rows: the server time of one page turn (the whole update request, in process: parse,
 * verify, callback, render), median over many turns, for a plain, a sorted and a filtered+sorted table.
 */
export async function tablePagingSection({ rows = 1_000_000, turns = 60 } = {}) {
  const { generateRows } = await import('../../examples/table-paging.tsx')
  const { memorySource } = await import('../../views/components/index.ts')
  const { dash_table } = await import('../../views/components/index.ts')
  const { Input, Output, ref } = await import('../../src/index.ts')
  const { renderPage } = await import('../../src/testing.ts')
  const { median } = await import('./stats.ts')
  let t = performance.now()
  const data = generateRows(rows)
  const generated = performance.now() - t
  const source = memorySource(data)
  const table = ref(dash_table.DataTable, 'big')
  const app = createApp({
    layout: (
      <dash_table.DataTable
        id="big"
        columns={[
          { name: 'Id', id: 'id', type: 'numeric' },
          { name: 'Name', id: 'name' },
          { name: 'City', id: 'city' },
          { name: 'Age', id: 'age', type: 'numeric' },
          { name: 'Score', id: 'score', type: 'numeric' },
        ]}
        data={data.slice(0, 20)}
        page_size={20}
        page_action="custom"
        sort_action="custom"
        filter_action="custom"
      />
    ),
  })
  app.callback(
    [Output(table, 'data'), Output(table, 'page_count')],
    [Input(table, 'page_current'), Input(table, 'sort_by'), Input(table, 'filter_query')],
    (page_current, sort_by, filter_query) => {
      const page = source.query({ page_current, page_size: 20, sort_by, filter_query })
      return [page.rows, page.page_count]
    },
    { preventInitialCall: true }
  )
  const page = await renderPage(app)
  const state = page.attr('big', 'data-hd')!
  const sig = page.attr('big', 'data-hd-sig')!
  const send = async (values: Record<string, unknown>) => {
    const body = JSON.stringify({
      changed: ['big.page_current'],
      components: {
        big: {
          state,
          sig,
          parent: null,
          values: {
            page_current: 0,
            sort_by: [],
            filter_query: '',
            selected_rows: [],
            selected_row_ids: [],
            data: [],
            data_timestamp: null,
            ...values,
          },
        },
      },
    })
    const t0 = performance.now()
    const res = await app.request('/_hd/update', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    })
    const html = await res.text()
    if (res.status !== 200) throw new Error(`page turn answered ${res.status}: ${html.slice(0, 200)}`)
    return { ms: performance.now() - t0, bytes: Buffer.byteLength(html) }
  }
  const cases: [string, Record<string, unknown>][] = [
    ['no sort, no filter', {}],
    [
      'sorted by age desc, then name',
      {
        sort_by: [
          { column_id: 'age', direction: 'desc' },
          { column_id: 'name', direction: 'asc' },
        ],
      },
    ],
    [
      'filtered `{city} = Lyon && {score} > 50`, sorted by score',
      { filter_query: '{city} = Lyon && {score} > 50', sort_by: [{ column_id: 'score', direction: 'asc' }] },
    ],
  ]
  const out: { case: string; firstMs: number; medianMs: number; bytes: number }[] = []
  for (const [name, values] of cases) {
    t = performance.now()
    const first = await send({ ...values, page_current: 1 })
    const times: number[] = []
    for (let i = 0; i < turns; i++)
      times.push((await send({ ...values, page_current: 2 + ((i * 7919) % 40_000) })).ms)
    out.push({ case: name, firstMs: first.ms, medianMs: median(times), bytes: first.bytes })
  }
  const markdown = [
    `DataTable, custom actions, in-memory source of ${rows.toLocaleString('en-US')} rows (generated in ${Math.round(generated)} ms), 20 rows a page; ` +
      `server time of the update request in process (parse, verify, callback, render), ${turns} page turns each:`,
    '',
    '| table | first query (filter + sort, then cached) | page turn, median | response |',
    '| --- | ---: | ---: | ---: |',
    ...out.map(
      (r) => `| ${r.case} | ${r.firstMs.toFixed(0)} ms | ${r.medianMs.toFixed(2)} ms | ${kb(r.bytes)} |`
    ),
    '',
    `Target: a page turn under 30 ms: ${out.every((r) => r.medianMs < 30) ? 'met' : 'NOT met'}.`,
  ].join('\n')
  return { rows: out, markdown }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await graphBytesSection()).markdown)
  console.log()
  console.log((await tablePagingSection()).markdown)
}
