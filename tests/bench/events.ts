/**
 * @module events
 * Sections 2 and 3: the cost of one user event against the depth of the chain it starts, and
 * against the size of the graph it lives in (one affected callback: must stay flat), then against
 * the number of callbacks it affects (linear), and against the components the page carries.
 */
import { chainApp, graphApp } from './apps.tsx'
import { answer, engineTime, routeTime, type TimeOptions } from './inprocess.ts'
import { load } from './load.ts'
import { serveLocal } from './serve-local.ts'
import { fmt, ratio, us } from './stats.ts'
import type { BenchApp } from './apps.tsx'
import type { HyperApp } from '../../src/index.ts'

export interface EventRow {
  label: string
  n: number
  status: number
  templates: number
  outputs: number
  bytes: number
  streamed: boolean
  route: number
  engine: number
  http: number
}

/** One app: its answer, the route and engine medians, and the loopback round trip (p50, one connection). */
async function measure(label: string, n: number, built: BenchApp & { app: HyperApp }, t: TimeOptions, httpCount: number): Promise<EventRow> {
  const body = built.bodies[0]!
  const a = await answer(built.app, body)
  const route = await routeTime(built.app, body, t)
  const engine = await engineTime(built.app, body, t)
  const served = await serveLocal(built.app.fetch)
  let http = NaN
  try {
    await load(served.url, [body], { connections: 1, amount: Math.ceil(httpCount / 4) })
    http = (await load(served.url, [body], { connections: 1, amount: httpCount })).p50
  } finally {
    await served.close()
  }
  return { label, n, status: a.status, templates: a.templates, outputs: a.ids.size, bytes: a.bytes, streamed: a.streamed, route, engine, http }
}

const slope = (rows: EventRow[], key: 'route' | 'engine') => {
  const a = rows[0]!
  const b = rows[rows.length - 1]!
  return (b[key] - a[key]) / (b.n - a.n)
}

export async function chainSection(t: TimeOptions, httpCount: number, depths = [1, 5, 25, 100]) {
  const rows: EventRow[] = []
  for (const d of depths) rows.push(await measure(`chain ${d}`, d, await chainApp(d), t, httpCount))
  const lines = [
    '| chain depth | requests per event | outputs updated | response | server, whole route | engine only | round trip p50 (loopback) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.status === 200 && !r.streamed ? 1 : `(${r.status}${r.streamed ? ', streamed' : ''})`} | ${r.outputs} | ${fmt(r.bytes)} B | ${us(r.route)} | ${us(r.engine)} | ${us(r.http)} |`
    ),
  ]
  const perCb = { route: slope(rows, 'route'), engine: slope(rows, 'engine') }
  lines.push('', `Per callback (slope from depth ${rows[0]!.n} to ${rows[rows.length - 1]!.n}): engine ${us(perCb.engine)}, whole route ${us(perCb.route)} (engine + rendering its output + its component in the request).`)
  return { rows, perCb, markdown: lines.join('\n') }
}

export async function graphSection(t: TimeOptions, httpCount: number, sizes = [10, 100, 1000, 10_000], fanouts = [1, 10, 100], pages = [10, 100, 1000]) {
  const flat: EventRow[] = []
  for (const n of sizes) flat.push(await measure(`graph ${n}`, n, await graphApp(n, 1), t, httpCount))
  const fan: EventRow[] = []
  for (const k of fanouts) fan.push(await measure(`fan-out ${k}`, k, await graphApp(1000, k), t, httpCount))
  const whole: EventRow[] = []
  for (const n of pages) whole.push(await measure(`page ${n}`, n, await graphApp(n, 1, true), t, httpCount))
  const row = (r: EventRow, first: string) =>
    `| ${first} | ${r.outputs} | ${us(r.route)} | ${us(r.engine)} | ${us(r.http)} |`
  const head = (first: string) => [`| ${first} | outputs updated | server, whole route | engine only | round trip p50 |`, '| ---: | ---: | ---: | ---: | ---: |']
  const flatness = { route: flat[flat.length - 1]!.route / flat[0]!.route, engine: flat[flat.length - 1]!.engine / flat[0]!.engine }
  const lines = [
    'One affected callback in graphs of growing size (the other callbacks\' components are not on the page):',
    '',
    ...head('callbacks in graph'),
    ...flat.map((r) => row(r, fmt(r.n))),
    '',
    `Cost at ${fmt(flat[flat.length - 1]!.n)} callbacks ÷ cost at ${flat[0]!.n}: engine ${ratio(flatness.engine)}, whole route ${ratio(flatness.route)}.`,
    '',
    'Callbacks affected by one event, in a graph of 1,000:',
    '',
    ...head('affected callbacks'),
    ...fan.map((r) => row(r, fmt(r.n))),
    '',
    `Per affected callback (slope): engine ${us(slope(fan, 'engine'))}, whole route ${us(slope(fan, 'route'))}.`,
    '',
    'The same graphs with every component on the page: each request carries (and the server verifies) all of them:',
    '',
    ...head('callbacks (2 components each)'),
    ...whole.map((r) => row(r, fmt(r.n))),
    '',
    `Per component carried (slope): whole route ${us(slope(whole, 'route') / 2)}.`,
  ]
  return { flat, fan, whole, flatness, markdown: lines.join('\n') }
}
