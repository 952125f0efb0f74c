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

if (import.meta.url === `file://${process.argv[1]}`) console.log((await graphBytesSection()).markdown)
