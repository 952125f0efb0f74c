/**
 * @module graph
 * `dcc.Graph`: a Plotly figure. The server renders the figure as JSON in the page (a
 * `<script type="application/json">`, no inline code) and an accessible summary (title, one row per
 * trace with its type and points) that is all a browser without JavaScript shows.
 * static/components/graph.js loads plotly.js only when a Graph is on the page, draws it, updates it
 * with `Plotly.react` when a callback sends a new figure (same element: zoom kept by
 * `layout.uirevision`), appends `extendData` with `Plotly.extendTraces`, and turns Plotly's events
 * into the browser-owned props `clickData`, `hoverData`, `selectedData`, `relayoutData`,
 * `restyleData` and `clickAnnotationData`, with Dash's shapes.
 */
import { z } from 'zod'
import { MAX_TEXT } from '../../src/protocol/components.ts'
import { plotlyCssHref, plotlyHref, plotlyStyleIds } from '../../src/protocol/plotly.ts'
import { defineComponent } from './define.ts'
import { scriptJson, summarize, titleOf, type Figure } from './figure.ts'

/** Any JSON value, bounded in depth, string length and list length (what a browser may send). */
const json = (depth: number): z.ZodType =>
  depth <= 0
    ? z.union([z.number(), z.string().max(MAX_TEXT), z.boolean(), z.null()])
    : z.union([
        z.number(),
        z.string().max(MAX_TEXT),
        z.boolean(),
        z.null(),
        z.array(z.lazy(() => json(depth - 1))).max(10_000),
        z
          .record(
            z.string().max(200),
            z.lazy(() => json(depth - 1))
          )
          .refine((o) => Object.keys(o).length <= 500, 'Too many keys (at most 500)'),
      ])
const anyJson = json(4)

/** One point of an event, as Plotly reports it (`curveNumber`, `pointNumber`, `x`, `y`, `customdata`…). */
const point = z
  .record(z.string().max(64), json(3))
  .refine((o) => Object.keys(o).length <= 64, 'A point has at most 64 fields')
const points = (max: number) => z.object({ points: z.array(point).max(max) }).catchall(anyJson)

/** Dash's `clickData` / `hoverData`: `{ points: [...] }`. */
const eventData = points(1_000).nullable()
/** Dash's `selectedData`: `{ points, range?, lassoPoints? }`; at most 10,000 points travel. */
const selection = points(10_000).nullable()
const relayout = z
  .record(z.string().max(200), anyJson)
  .refine((o) => Object.keys(o).length <= 500, 'At most 500 layout changes')
  .nullable()
/** Dash's `restyleData`: `[changes, traceIndices]`. */
const restyle = z.array(anyJson).max(2).nullable()
const annotation = z
  .object({ index: z.number().int().min(0), annotation: anyJson })
  .catchall(anyJson)
  .nullable()

/** Keys Plotly's `config` accepts are many: any JSON object. */
const record = z.record(z.string(), z.unknown())
const figure: z.ZodType<Figure> = z.object({
  data: z.array(record).optional(),
  layout: record.optional(),
  frames: z.array(record).optional(),
}) as z.ZodType<Figure>

/** The props Graph's script reads from the element (`data-graph`): small, sent with every render. */
const OPTIONS = [
  'config',
  'responsive',
  'animate',
  'animation_options',
  'mathjax',
  'clear_on_unhover',
] as const

/** A render-unique stamp for `extendData`: the same data sent twice still extends twice. */
let stamp = 0

/**
 * @example <Graph id="scatter" figure={{ data: [{ type: 'scatter', x: [1, 2], y: [3, 1] }], layout: { uirevision: 'keep' } }} />
 */
export const Graph = defineComponent({
  name: 'dcc.Graph',
  props: {
    /** `{ data, layout, frames }`: Plotly's JSON (typed arrays travel as base64 `bdata`). */
    figure,
    /** Plotly's config (`displayModeBar`, `scrollZoom`, `staticPlot`…). */
    config: record,
    /** `'auto'` (default): follows the container when the layout sets no width and height. */
    responsive: z.union([z.boolean(), z.literal('auto')]),
    /** New figures are animated with `Plotly.animate` (off by default). */
    animate: z.boolean(),
    animation_options: record,
    /** Off by default; hyperdash does not load MathJax (the CSP would have to allow it). */
    mathjax: z.boolean(),
    /** `hoverData` becomes null when the pointer leaves the points. */
    clear_on_unhover: z.boolean(),
    /** Appends points: `[{ y: [[4]] }, [0], maxPoints?]`, as `Plotly.extendTraces` takes them. */
    extendData: z.union([z.array(z.unknown()).max(3), record]).nullable(),
    clickData: eventData,
    hoverData: eventData,
    selectedData: selection,
    relayoutData: relayout,
    restyleData: restyle,
    clickAnnotationData: annotation,
  },
  browser: {
    clickData: { event: 'graph-click', read: 'graph' },
    hoverData: { event: 'graph-hover', read: 'graph' },
    selectedData: { event: 'graph-selected', read: 'graph' },
    relayoutData: { event: 'graph-relayout', read: 'graph' },
    restyleData: { event: 'graph-restyle', read: 'graph' },
    clickAnnotationData: { event: 'graph-clickannotation', read: 'graph' },
  },
  heavy: ['figure', 'extendData'],
  scripts: [new URL('../../static/components/graph.js', import.meta.url)],
  styles: [new URL('../../static/components/graph.css', import.meta.url)],
  render: (p) => {
    const options: Record<string, unknown> = {}
    for (const k of OPTIONS) if (p[k] !== undefined && p[k] !== null) options[k] = p[k]
    // Values the page starts with (a layout may set `hoverData`); the script's own win after an event.
    const initial: Record<string, unknown> = {}
    for (const k of [
      'clickData',
      'hoverData',
      'selectedData',
      'relayoutData',
      'restyleData',
      'clickAnnotationData',
    ] as const)
      if (p[k] != null) initial[k] = p[k]
    return (
      <div
        id={p.id}
        class={['hd-graph', 'dash-graph', p.className].filter(Boolean).join(' ')}
        style={p.style}
        data-plotly={plotlyHref()}
        data-plotly-css={plotlyCssHref()}
        data-plotly-styled={plotlyStyleIds() || undefined}
        data-graph={JSON.stringify({ ...options, initial })}
        {...p.hd}
      >
        {p.figure !== undefined && (
          <script
            type="application/json"
            class="hd-graph-figure"
            dangerouslySetInnerHTML={{ __html: scriptJson(p.figure ?? {}) }}
          />
        )}
        {p.extendData != null && (
          <script
            type="application/json"
            class="hd-graph-extend"
            data-stamp={String(++stamp)}
            dangerouslySetInnerHTML={{ __html: scriptJson(p.extendData) }}
          />
        )}
        <div class="hd-graph-plot" hx-morph-skip="" />
        {p.figure !== undefined && <Summary figure={p.figure ?? {}} />}
      </div>
    )
  },
})

/** The figure as words: what a browser without JavaScript (or a screen reader) gets. */
function Summary({ figure }: { figure: Figure }) {
  const title = titleOf(figure)
  const traces = summarize(figure)
  return (
    <figure class="hd-graph-summary">
      <figcaption>{title ? `Chart: ${title}` : 'Chart'}</figcaption>
      {traces.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Trace</th>
              <th scope="col">Type</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {traces.map((t) => (
              <tr>
                <th scope="row">{t.name}</th>
                <td>{t.type}</td>
                <td>{t.points.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No data.</p>
      )}
    </figure>
  )
}

export type GraphProps = Omit<Parameters<typeof Graph>[0], 'hd'>
