/**
 * @module figure
 * Plotly figures for TypeScript users: the `Figure` type (`data`, `layout`, `frames`, exactly Plotly's
 * JSON), `typedArray` for Plotly's base64 typed arrays (`{ dtype, bdata }`, plotly.js ≥ 2.28), and the
 * pure helpers dcc.Graph renders with: the figure as JSON safe inside `<script type="application/json">`,
 * and the facts its no-JavaScript summary shows.
 */

/** Plotly's dtypes for base64 typed arrays. */
export type Dtype = 'f8' | 'f4' | 'i4' | 'u4' | 'i2' | 'u2' | 'i1' | 'u1' | 'u1c'

/** A typed array as Plotly reads it: little-endian bytes in base64. */
export interface TypedArraySpec {
  dtype: Dtype
  bdata: string
  /** Rows, columns for 2-D data (`z` of a heatmap): `'100,200'`. */
  shape?: string
}

/** Values of a data array: plain JSON, a typed array (sent as base64), or Plotly's typed-array form. */
export type DataArray =
  | readonly (number | string | boolean | null | Date | readonly (number | string | null)[])[]
  | ArrayLike<number>
  | TypedArraySpec

/** One trace (`scatter`, `bar`, `histogram`…). Plotly has hundreds of attributes: the common ones are typed. */
export interface Trace {
  type?: string
  name?: string
  mode?: string
  x?: DataArray
  y?: DataArray
  z?: DataArray
  text?: string | DataArray
  customdata?: DataArray
  ids?: readonly string[]
  marker?: Record<string, unknown>
  line?: Record<string, unknown>
  visible?: boolean | 'legendonly'
  [attribute: string]: unknown
}

/** A figure's layout. `uirevision`: while it stays the same, a new figure keeps the user's zoom and pan. */
export interface Layout {
  title?: string | { text?: string; [k: string]: unknown }
  width?: number
  height?: number
  autosize?: boolean
  uirevision?: string | number | boolean
  datarevision?: string | number
  xaxis?: Record<string, unknown>
  yaxis?: Record<string, unknown>
  showlegend?: boolean
  [attribute: string]: unknown
}

/** An animation frame. */
export interface Frame {
  name?: string
  group?: string
  data?: Trace[]
  layout?: Layout
  traces?: number[]
  [attribute: string]: unknown
}

/** A Plotly figure, as `dcc.Graph`'s `figure`. */
export interface Figure {
  data?: Trace[]
  layout?: Layout
  frames?: Frame[]
}

const DTYPE_OF: [new (...a: never[]) => ArrayBufferView, Dtype][] = [
  [Float64Array, 'f8'],
  [Float32Array, 'f4'],
  [Int32Array, 'i4'],
  [Uint32Array, 'u4'],
  [Int16Array, 'i2'],
  [Uint16Array, 'u2'],
  [Int8Array, 'i1'],
  [Uint8Array, 'u1'],
  [Uint8ClampedArray, 'u1c'],
]
const BYTES: Record<Dtype, number> = { f8: 8, f4: 4, i4: 4, u4: 4, i2: 2, u2: 2, i1: 1, u1: 1, u1c: 1 }

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/**
 * A typed array in Plotly's base64 form: 100,000 floats are 1.07 MB as JSON text, 1.07 MB as `f8`
 * base64 (0.53 MB as `f4`), and the browser decodes them without parsing numbers.
 * @example { type: 'scatter', x: typedArray(new Float32Array(xs)), y: typedArray(ys, 'f4') }
 */
export function typedArray(values: ArrayBufferView | ArrayLike<number>, dtype?: Dtype): TypedArraySpec {
  let view: ArrayBufferView
  let type: Dtype
  if (ArrayBuffer.isView(values) && !dtype) {
    const hit = DTYPE_OF.find(([C]) => values instanceof C)
    if (!hit)
      throw new TypeError('typedArray: a DataView or BigInt array has no Plotly dtype; pass a number array.')
    view = values
    type = hit[1]
  } else {
    type = dtype ?? 'f8'
    const C = DTYPE_OF.find(([, d]) => d === type)![0] as unknown as {
      from(a: ArrayLike<number>): ArrayBufferView
    }
    view = C.from(values as ArrayLike<number>)
  }
  if (!isLittleEndian)
    throw new Error('typedArray: Plotly reads little-endian bytes; this machine is big-endian.')
  const bdata = Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64')
  return { dtype: type, bdata }
}

/** JSON.stringify's replacer: typed arrays travel as Plotly's `{ dtype, bdata }`. */
function replacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    try {
      return typedArray(value)
    } catch {
      return Array.from(value as unknown as ArrayLike<number>)
    }
  }
  return value
}

/**
 * A value as JSON that is safe as the text of `<script type="application/json">`: `<`, `>`, `&` and
 * the line separators are escaped, so no `</script>` or `<!--` can end or change the element.
 */
export function scriptJson(value: unknown): string {
  return (JSON.stringify(value, replacer) ?? 'null').replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** The number of values in a data array (a typed array's bytes over its element size). */
export function countOf(values: unknown): number {
  if (Array.isArray(values)) return values.length
  if (ArrayBuffer.isView(values)) return (values as unknown as ArrayLike<number>).length
  if (typeof values === 'object' && values !== null && 'bdata' in values && 'dtype' in values) {
    const { bdata, dtype, shape } = values as TypedArraySpec
    if (typeof shape === 'string' && shape) return shape.split(',').reduce((n, d) => n * (Number(d) || 0), 1)
    const bytes = Math.floor((String(bdata).replace(/=+$/, '').length * 3) / 4)
    return Math.floor(bytes / (BYTES[dtype] ?? 8))
  }
  return 0
}

/** What the no-JavaScript summary says of one trace. */
export interface TraceSummary {
  name: string
  type: string
  points: number
}

/** A figure's title text, or ''. */
export function titleOf(figure: Figure | null | undefined): string {
  const t = figure?.layout?.title
  return typeof t === 'string' ? t : typeof t?.text === 'string' ? t.text : ''
}

/** One line per trace: its name (or `trace n`), its type (Plotly's default `scatter`), its points. */
export function summarize(figure: Figure | null | undefined): TraceSummary[] {
  const data = Array.isArray(figure?.data) ? figure.data : []
  return data.map((t, i) => ({
    name: typeof t?.name === 'string' && t.name ? t.name : `trace ${i}`,
    type: typeof t?.type === 'string' ? t.type : 'scatter',
    points: Math.max(countOf(t?.x), countOf(t?.y), countOf(t?.z), countOf(t?.values)),
  }))
}
