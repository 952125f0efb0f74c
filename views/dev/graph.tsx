/**
 * @module dev/graph
 * The callback graph as server-rendered SVG: prop nodes, callback nodes and the edges between them,
 * coloured by what one request did (which callbacks ran, with what result and how long).
 */
import type { PropKey } from '../../src/core/ids.ts'
import type { CallbackNode, GraphLayout, LaidEdge, LaidNode, PropNode } from './layout.ts'
import { STATUS_LABEL, type DevRequest, type DevRun } from './records.ts'

const round = (v: number) => Math.round(v * 10) / 10

/** `1.2 ms`: durations as the dev page prints them. */
export const formatMs = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`

/** What one request did to the graph, looked up per node and edge. */
interface Activity {
  runs: ReadonlyMap<number, DevRun>
  written: ReadonlySet<PropKey>
  /** Props changed by the event itself (not by a callback of this request). */
  triggers: ReadonlySet<PropKey>
}

function activityOf(request: DevRequest | undefined): Activity {
  const runs = new Map<number, DevRun>()
  const written = new Set<PropKey>()
  const changed = new Set<PropKey>()
  for (const r of request?.runs ?? []) {
    runs.set(r.index, r)
    for (const k of r.written) written.add(k)
    for (const k of r.changed) changed.add(k)
  }
  return { runs, written, triggers: new Set([...changed].filter((k) => !written.has(k))) }
}

function edgePath(e: LaidEdge, byId: ReadonlyMap<string, LaidNode>): string {
  const s = byId.get(e.from)!
  const t = byId.get(e.to)!
  if (e.back) {
    // Right to left: leave from the bottom and come back in from below.
    const [sx, sy, tx, ty] = [s.x + s.w / 2, s.y + s.h, t.x + t.w / 2, t.y + t.h]
    return `M${round(sx)},${round(sy)} C${round(sx)},${round(sy + 34)} ${round(tx)},${round(ty + 34)} ${round(tx)},${round(ty + 6)}`
  }
  // Left to right through the waypoints, each leg a curve leaving and arriving horizontally.
  const points = [{ x: s.x + s.w, y: s.y + s.h / 2 }, ...e.via, { x: t.x - 2, y: t.y + t.h / 2 }]
  let d = `M${round(points[0]!.x)},${round(points[0]!.y)}`
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!]
    const dx = Math.max(20, (b.x - a.x) / 2)
    d += ` C${round(a.x + dx)},${round(a.y)} ${round(b.x - dx)},${round(b.y)} ${round(b.x)},${round(b.y)}`
  }
  return d
}

function edgeActive(e: LaidEdge, a: Activity): boolean {
  const run = a.runs.get(e.index)
  if (!run) return false
  return e.kind === 'output' ? run.written.includes(e.key) : run.changed.includes(e.key)
}

const Edge = (p: { edge: LaidEdge; byId: ReadonlyMap<string, LaidNode>; activity: Activity }) => {
  const e = p.edge
  const cls = `hd-edge hd-edge-${e.kind}${e.back ? ' hd-back' : ''}${edgeActive(e, p.activity) ? ' hd-active' : ''}`
  return (
    <path
      class={cls}
      d={edgePath(e, p.byId)}
      data-from={e.from}
      data-to={e.to}
      data-kind={e.kind}
      marker-end="url(#hd-arrow)"
    >
      <title>
        {e.kind === 'output' ? `writes ${e.key}` : `${e.kind === 'input' ? 'Input' : 'State'} ${e.key}`}
      </title>
    </path>
  )
}

const PropBox = (p: { node: PropNode; activity: Activity }) => {
  const n = p.node
  const mark = p.activity.triggers.has(n.key)
    ? ' hd-trigger'
    : p.activity.written.has(n.key)
      ? ' hd-written'
      : ''
  return (
    <g
      class={`hd-node hd-prop${mark}`}
      data-node={n.id}
      data-layer={String(n.layer)}
      transform={`translate(${round(n.x)},${round(n.y)})`}
    >
      <rect width={String(n.w)} height={String(n.h)} rx="4" />
      <text x={String(n.w / 2)} y={String(n.h / 2 + 4)} text-anchor="middle">
        {n.key}
      </text>
    </g>
  )
}

/** The second line of a callback node: its result in the shown request, or its index. */
function runLine(run: DevRun | undefined, index: number): string {
  if (!run) return `#${index}`
  if (run.ms === null) return STATUS_LABEL[run.status]
  return `${STATUS_LABEL[run.status]} · ${formatMs(run.ms)}`
}

const CallbackBox = (p: { node: CallbackNode; activity: Activity }) => {
  const n = p.node
  const run = p.activity.runs.get(n.cb.index)
  const cls = `hd-node hd-callback hd-st-${run ? run.status : 'idle'}`
  return (
    <g
      class={cls}
      data-node={n.id}
      data-layer={String(n.layer)}
      transform={`translate(${round(n.x)},${round(n.y)})`}
    >
      <title>{run?.error ? `${n.cb.name}: ${run.error}` : n.cb.name}</title>
      <rect width={String(n.w)} height={String(n.h)} rx="10" />
      <text class="hd-name" x={String(n.w / 2)} y="17" text-anchor="middle">
        {n.cb.name}
      </text>
      <text class="hd-run" x={String(n.w / 2)} y="32" text-anchor="middle">
        {runLine(run, n.cb.index)}
      </text>
    </g>
  )
}

/** The graph as SVG; `request` colours it with what that request did. */
export const GraphSvg = (p: { layout: GraphLayout; request?: DevRequest }) => {
  const { layout } = p
  const activity = activityOf(p.request)
  const byId = new Map(layout.nodes.map((n) => [n.id, n]))
  const w = String(Math.ceil(layout.width))
  const h = String(Math.ceil(layout.height))
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="hd-graph"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Callback graph"
    >
      <defs>
        <marker
          id="hd-arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="9"
          markerHeight="9"
          markerUnits="userSpaceOnUse"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      <g class="hd-edges">
        {layout.edges.map((edge) => (
          <Edge edge={edge} byId={byId} activity={activity} />
        ))}
      </g>
      <g class="hd-nodes">
        {layout.nodes.map((node) =>
          node.kind === 'prop' ? (
            <PropBox node={node} activity={activity} />
          ) : (
            <CallbackBox node={node} activity={activity} />
          )
        )}
      </g>
    </svg>
  )
}
