/**
 * @module events
 * Sections 2 and 3: the cost of one user event against the depth of the chain it starts, against the
 * size of the graph it lives in (one affected callback: must stay flat), against the number of
 * callbacks it affects (linear), and against the components the page carries. Every app is served by
 * one child process (entry i under `/a{i}`), driven one request at a time over 127.0.0.1: the server's
 * CPU time per event and the round trip. The engine alone (parse, validate, plan, run) is timed here.
 */
import type { HyperApp } from '../../src/index.ts'
import { captureMounted, eventSuite, suiteEvent, SUITE, type BenchApp, type SuiteEntry } from './apps.tsx'
import { answer, engineTime, type TimeOptions } from './inprocess.ts'
import type { Update } from './client.ts'
import { load, startServer, type BenchServer } from './load.ts'
import { fmt, median, ratio, us } from './stats.ts'

export interface EventRow {
  section: SuiteEntry['section']
  n: number
  status: number
  streamed: boolean
  outputs: number
  bytes: number
  /** Server CPU per event (ms), over HTTP. */
  route: number
  /** The engine alone (ms of CPU). */
  engine: number
  /** Round trip p50 (ms), one connection. */
  http: number
}

/** Server CPU (ms) per request and the p50 round trip, for about `seconds` of sequential requests. */
async function serverCost(server: BenchServer, path: string, body: Update, seconds: number) {
  const t0 = performance.now()
  const probe = await load(server.url, [body], { connections: 1, amount: 5, path })
  const each = (performance.now() - t0) / probe.requests
  const amount = Math.max(10, Math.min(3000, Math.round((seconds * 1000) / each)))
  const c0 = await server.cpu()
  const r = await load(server.url, [body], { connections: 1, amount, path })
  const c1 = await server.cpu()
  return { cpu: (c1 - c0) / 1000 / r.requests, p50: r.p50 }
}

export async function eventsSections(o: { timing: TimeOptions; rounds: number; seconds: number }) {
  const entries = eventSuite(SUITE)
  const built: (BenchApp & { app: HyperApp })[] = []
  for (const e of entries) built.push(await e.build())
  // The bodies the suite server accepts: captured from each app at its mount point.
  const mounted: Update[] = []
  for (const [i, e] of entries.entries())
    mounted.push((await captureMounted(built[i]!.app, [suiteEvent(e.section)], `/a${i}`))[0]!)
  const server = await startServer('suite', 1)
  const costs = entries.map(() => ({ cpu: [] as number[], p50: [] as number[] }))
  try {
    for (let round = 0; round < o.rounds; round++) {
      for (const [i, b] of built.entries()) {
        const c = await serverCost(server, `/a${i}/_hd/update`, mounted[i]!, o.seconds)
        costs[i]!.cpu.push(c.cpu)
        costs[i]!.p50.push(c.p50)
      }
    }
  } finally {
    await server.stop()
  }
  const rows: EventRow[] = []
  for (const [i, e] of entries.entries()) {
    const b = built[i]!
    const a = await answer(b.app, b.bodies[0]!)
    const engine = await engineTime(b.app, b.bodies[0]!, o.timing)
    const c = costs[i]!
    rows.push({
      section: e.section,
      n: e.n,
      status: a.status,
      streamed: a.streamed,
      outputs: a.ids.size,
      bytes: a.bytes,
      route: median(c.cpu),
      engine,
      http: median(c.p50),
    })
  }
  return { chain: chainTable(rows.filter((r) => r.section === 'chain')), graph: graphTables(rows) }
}

const slope = (rows: EventRow[], key: 'route' | 'engine') => {
  const a = rows[0]!
  const b = rows[rows.length - 1]!
  return (b[key] - a[key]) / (b.n - a.n)
}

function chainTable(rows: EventRow[]) {
  const lines = [
    '| chain depth | requests per event | outputs updated | response body | server CPU per event | engine CPU | round trip p50 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.status === 200 && !r.streamed ? 1 : `(${r.status}${r.streamed ? ', streamed' : ''})`} | ${r.outputs} | ${fmt(r.bytes)} B | ${us(r.route)} | ${us(r.engine)} | ${us(r.http)} |`
    ),
  ]
  const perCb = { route: slope(rows, 'route'), engine: slope(rows, 'engine') }
  lines.push(
    '',
    `Per callback (slope from depth ${rows[0]!.n} to ${rows[rows.length - 1]!.n}): engine ${us(perCb.engine)}; whole server ${us(perCb.route)} ` +
      '(the engine, plus rendering the output, re-signing its state, and the component it adds to each request).'
  )
  return { rows, perCb, markdown: lines.join('\n') }
}

function graphTables(all: EventRow[]) {
  const flat = all.filter((r) => r.section === 'graph')
  const fan = all.filter((r) => r.section === 'fan')
  const whole = all.filter((r) => r.section === 'page')
  const head = (first: string) => [
    `| ${first} | outputs updated | server CPU per event | engine CPU | round trip p50 |`,
    '| ---: | ---: | ---: | ---: | ---: |',
  ]
  const row = (r: EventRow) =>
    `| ${fmt(r.n)} | ${r.outputs} | ${us(r.route)} | ${us(r.engine)} | ${us(r.http)} |`
  const last = flat[flat.length - 1]!
  const flatness = { route: last.route / flat[0]!.route, engine: last.engine / flat[0]!.engine }
  const [small, big] = [whole[0]!, whole[whole.length - 1]!]
  const pageRatio = {
    small: small.n * 2,
    big: big.n * 2,
    route: big.route / small.route,
    engine: big.engine / small.engine,
  }
  const lines = [
    "One affected callback in graphs of growing size (the other callbacks' components are not on the page):",
    '',
    ...head('callbacks in graph'),
    ...flat.map(row),
    '',
    `Cost at ${fmt(last.n)} callbacks ÷ cost at ${flat[0]!.n}: engine ${ratio(flatness.engine)}, whole server ${ratio(flatness.route)}.`,
    '',
    'Callbacks affected by one event, in a graph of 1,000:',
    '',
    ...head('affected callbacks'),
    ...fan.map(row),
    '',
    `Per affected callback (slope): engine ${us(slope(fan, 'engine'))}, whole server ${us(slope(fan, 'route'))}.`,
    '',
    'The same graphs with every component on the page (each request carries what its chain may touch: `hd-carry`):',
    '',
    ...head('callbacks (2 components each)'),
    ...whole.map(row),
    '',
    `Per component on the page (slope): whole server ${us(slope(whole, 'route') / 2)}. ` +
      `A page of ${fmt(pageRatio.big)} components ÷ a page of ${pageRatio.small}: whole server ${ratio(pageRatio.route)}, engine ${ratio(pageRatio.engine)}.`,
  ]
  return { flat, fan, whole, flatness, pageRatio, markdown: lines.join('\n') }
}
