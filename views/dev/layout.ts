/**
 * @module dev/layout
 * Lays the callback graph out in layers for the dev page: props and callbacks alternate from left
 * to right by depth in the graph (`graph.depth`), edges run from Inputs and States to callbacks and
 * from callbacks to Outputs. Pure: a function of the graph.
 */
import type { CallbackSpec } from '../../src/core/callback.ts'
import type { Graph } from '../../src/core/graph.ts'
import type { PropKey } from '../../src/core/ids.ts'

export type EdgeKind = 'input' | 'state' | 'output'

interface Box {
  /** `p:<id.prop>` for a prop, `cb:<index>` for a callback. */
  readonly id: string
  /** Column, from 0 at the left. */
  readonly layer: number
  x: number
  y: number
  readonly w: number
  readonly h: number
}

export interface PropNode extends Box {
  readonly kind: 'prop'
  readonly key: PropKey
}

export interface CallbackNode extends Box {
  readonly kind: 'callback'
  readonly cb: CallbackSpec
}

export type LaidNode = PropNode | CallbackNode

export interface LaidEdge {
  readonly from: string
  readonly to: string
  readonly kind: EdgeKind
  /** The prop this edge reads or writes. */
  readonly key: PropKey
  /** The callback it belongs to. */
  readonly index: number
  /** True when it runs right to left (a callback writing its own Input, or a State read downstream). */
  readonly back: boolean
  /** Points it passes through in the layers it crosses, so that it runs between nodes, not over them. */
  via: { x: number; y: number }[]
}

export interface GraphLayout {
  readonly nodes: readonly LaidNode[]
  readonly edges: readonly LaidEdge[]
  readonly width: number
  readonly height: number
}

export const propNodeId = (key: PropKey) => `p:${key}`
export const callbackNodeId = (index: number) => `cb:${index}`

/** Sizes in SVG units; text is monospace, so a label's width follows from its length. */
export const SIZES = {
  charW: 7.2,
  padX: 10,
  propH: 26,
  callbackH: 40,
  gapX: 70,
  gapY: 14,
  margin: 16,
} as const

const labelWidth = (label: string, min: number) =>
  Math.max(min, Math.ceil(label.length * SIZES.charW + 2 * SIZES.padX))

/**
 * The layer of each node before empty layers are squeezed out: a callback at depth d sits at 2d + 1,
 * the props it writes at 2d + 2, props no callback writes at 0.
 */
function rawLayers(graph: Graph) {
  const layer = new Map<string, number>()
  const order: string[] = []
  const nodes = new Map<string, LaidNode>()
  const addProp = (key: PropKey) => {
    const id = propNodeId(key)
    if (nodes.has(id)) return
    const producer = graph.producer(key)
    const l = producer ? 2 * graph.depth(producer) + 2 : 0
    layer.set(id, l)
    order.push(id)
    nodes.set(id, { kind: 'prop', id, key, layer: l, x: 0, y: 0, w: labelWidth(key, 60), h: SIZES.propH })
  }
  for (const cb of graph.callbacks) {
    const id = callbackNodeId(cb.index)
    const l = 2 * graph.depth(cb) + 1
    layer.set(id, l)
    order.push(id)
    // At least as wide as the longest second line, `PreventUpdate · 10 ms` in the node's smaller type.
    nodes.set(id, {
      kind: 'callback',
      id,
      cb,
      layer: l,
      x: 0,
      y: 0,
      w: labelWidth(cb.name, 170),
      h: SIZES.callbackH,
    })
    for (const d of [...cb.inputs, ...cb.states, ...cb.outputs]) addProp(d.key)
  }
  return { layer, order, nodes }
}

function edgesOf(graph: Graph, layer: ReadonlyMap<string, number>): LaidEdge[] {
  const edges: LaidEdge[] = []
  const add = (from: string, to: string, kind: EdgeKind, key: PropKey, index: number) =>
    edges.push({ from, to, kind, key, index, back: layer.get(to)! <= layer.get(from)!, via: [] })
  for (const cb of graph.callbacks) {
    const c = callbackNodeId(cb.index)
    for (const d of cb.inputs) add(propNodeId(d.key), c, 'input', d.key, cb.index)
    for (const d of cb.states) add(propNodeId(d.key), c, 'state', d.key, cb.index)
    for (const d of cb.outputs) add(c, propNodeId(d.key), 'output', d.key, cb.index)
  }
  return edges
}

/**
 * Orders each layer to keep edges short (the barycenter heuristic: a node moves towards the mean
 * position of its neighbours in the layers already placed), sweeping right, then left, twice.
 */
function orderLayers(columns: string[][], links: readonly [string, string][]) {
  const neighbours = new Map<string, string[]>()
  for (const [a, b] of links) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b])
    neighbours.set(b, [...(neighbours.get(b) ?? []), a])
  }
  const pos = new Map<string, number>()
  const layerOf = new Map<string, number>()
  const index = () =>
    columns.forEach((col, l) =>
      col.forEach((id, i) => (pos.set(id, (i + 0.5) / col.length), layerOf.set(id, l)))
    )
  index()
  const sweep = (l: number, fromLeft: boolean) => {
    const col = columns[l]!
    const bary = new Map<string, number>()
    for (const id of col) {
      const ns = (neighbours.get(id) ?? []).filter((n) =>
        fromLeft ? layerOf.get(n)! < l : layerOf.get(n)! > l
      )
      bary.set(id, ns.length ? ns.reduce((s, n) => s + pos.get(n)!, 0) / ns.length : pos.get(id)!)
    }
    col.sort((a, b) => bary.get(a)! - bary.get(b)!) // stable: ties keep their order
    col.forEach((id, i) => pos.set(id, (i + 0.5) / col.length))
  }
  for (let round = 0; round < 2; round++) {
    for (let l = 1; l < columns.length; l++) sweep(l, true)
    for (let l = columns.length - 2; l >= 0; l--) sweep(l, false)
  }
}

/** Lays out the whole graph: every callback and every prop it reads or writes, once. */
export function layoutGraph(graph: Graph): GraphLayout {
  const { layer: raw, order, nodes } = rawLayers(graph)
  // Squeeze out empty layers, so columns are consecutive.
  const used = [...new Set(raw.values())].sort((a, b) => a - b)
  const dense = new Map(used.map((l, i) => [l, i]))
  const layer = new Map([...raw].map(([id, l]) => [id, dense.get(l)!]))
  const columns: string[][] = used.map(() => [])
  for (const id of order) columns[layer.get(id)!]!.push(id)
  const edges = edgesOf(graph, layer)
  // An edge across several layers gets a waypoint in each layer between (a node of no width), which
  // takes part in the ordering like any node: the edge then runs between the nodes of those layers.
  const links: [string, string][] = []
  const waypoints = new Map<LaidEdge, string[]>()
  edges.forEach((e, i) => {
    const [from, to] = [layer.get(e.from)!, layer.get(e.to)!]
    if (e.back || to - from < 2) return void links.push([e.from, e.to])
    const ids = Array.from({ length: to - from - 1 }, (_, k) => `via:${i}:${from + 1 + k}`)
    ids.forEach((id, k) => {
      columns[from + 1 + k]!.push(id)
      nodes.set(id, { kind: 'prop', id, key: '', layer: from + 1 + k, x: 0, y: 0, w: 0, h: SIZES.propH / 2 })
    })
    const chain = [e.from, ...ids, e.to]
    for (let k = 1; k < chain.length; k++) links.push([chain[k - 1]!, chain[k]!])
    waypoints.set(e, ids)
  })
  orderLayers(columns, links)

  const heights = columns.map(
    (col) => col.reduce((s, id) => s + nodes.get(id)!.h, 0) + SIZES.gapY * (col.length - 1)
  )
  const tallest = Math.max(0, ...heights)
  let x = SIZES.margin
  const laid: LaidNode[] = []
  columns.forEach((col, l) => {
    const colW = Math.max(...col.map((id) => nodes.get(id)!.w))
    let y = SIZES.margin + (tallest - heights[l]!) / 2
    for (const id of col) {
      const n = nodes.get(id)!
      laid.push({ ...n, layer: l, x: x + (colW - n.w) / 2, y })
      y += n.h + SIZES.gapY
    }
    x += colW + SIZES.gapX
  })
  const at = new Map(laid.map((n) => [n.id, n]))
  for (const [e, ids] of waypoints)
    e.via = ids.map((id) => ({ x: at.get(id)!.x, y: at.get(id)!.y + at.get(id)!.h / 2 }))
  // Room under the nodes for edges that loop back.
  const backRoom = edges.some((e) => e.back) ? 40 : 0
  return {
    nodes: laid.filter((n) => !n.id.startsWith('via:')),
    edges,
    width: Math.max(x - SIZES.gapX + SIZES.margin, 2 * SIZES.margin),
    height: tallest + 2 * SIZES.margin + backRoom,
  }
}
