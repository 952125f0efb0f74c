/**
 * @module apps
 * The apps the bench drives: the seed's prime-factors example, a bare Hono route answering the same
 * bytes, chains of N callbacks, graphs of N callbacks of which few are affected, and big layouts.
 * Each builder also returns the update body of one user event, built from its rendered page.
 */
import { Hono } from 'hono'
import { createApp, Input, Output, type HyperApp } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { captureUpdates, updateRequest, type Update } from './client.ts'
import type { UserEvent } from '../../src/testing.ts'

const BASE = 'http://127.0.0.1'

export interface BenchApp {
  app: { fetch(req: Request): Response | Promise<Response> }
  /** The update requests of the user events to send, in turn (captured from the real extension). */
  bodies: Update[]
}

/** The seed's prime-factors example; events type 360 (composite) and 997 (prime) into `num`. */
export async function primeApp(): Promise<BenchApp & { app: HyperApp }> {
  const { app } = await import('../../examples/prime-factors.tsx')
  const bodies = await captureUpdates(app, [
    { id: 'num', value: 360 },
    { id: 'num', value: 997 },
  ])
  return { app, bodies }
}

/** What the prime app answers to each of its bodies: status, headers (but the date and length), bytes. */
export async function primeAnswers() {
  const { app, bodies } = await primeApp()
  return Promise.all(
    bodies.map(async (b) => {
      const res = await app.fetch(updateRequest(BASE, b))
      const headers = [...res.headers].filter(([k]) => k !== 'date' && k !== 'content-length')
      return { status: res.status, headers, body: await res.text() }
    })
  )
}

/**
 * A bare Hono route answering the prime app's responses, in turn, with the same headers, without
 * reading the request: the floor of the same answer on the same server stack.
 */
export async function bareApp(): Promise<BenchApp> {
  const answers = await primeAnswers()
  const { bodies } = await primeApp()
  const app = new Hono()
  let i = 0
  app.post('/_hd/update', (c) => {
    const a = answers[i++ % answers.length]!
    for (const [k, v] of a.headers) c.header(k, v)
    return c.body(a.body, a.status as 200)
  })
  return { app, bodies }
}

/** A button and a chain of `depth` callbacks: b.n_clicks → c0 → c1 → … One click runs them all. */
export async function chainApp(depth: number): Promise<BenchApp & { app: HyperApp }> {
  const ids = Array.from({ length: depth }, (_, i) => `c${i}`)
  const app = createApp({
    title: `chain ${depth}`,
    layout: (
      <div>
        <button id="b">Go</button>
        {ids.map((id) => (
          <div id={id} />
        ))}
      </div>
    ),
  })
  app.callback(Output('c0', 'children'), [Input('b', 'n_clicks')], (n) => `clicked ${n ?? 0}`)
  for (let i = 1; i < depth; i++) {
    // Passes the click count down: every output changes on every click.
    app.callback(
      Output(`c${i}`, 'children'),
      [Input(`c${i - 1}`, 'children')],
      (prev) => `${i}: ${String(prev).split(' ').pop()}`
    )
  }
  return { app, bodies: await captureUpdates(app, [{ click: 'b' }]) }
}

/**
 * A graph of `size` callbacks `in{i}.value → out{i}.children`, where `affected` of them read `in0.value`.
 * `wholePage`: every component is in the layout (and so in each request); otherwise only the
 * affected ones are, the others being callbacks for components not on the page.
 */
export async function graphApp(
  size: number,
  affected = 1,
  wholePage = false
): Promise<BenchApp & { app: HyperApp }> {
  const onPage = wholePage ? size : affected
  const app = createApp({
    title: `graph ${size}`,
    suppressCallbackExceptions: !wholePage,
    preventInitialCallbacks: true,
    layout: (
      <div>
        {Array.from({ length: wholePage ? size : 1 }, (_, i) => (
          <dcc.Input id={`in${i}`} />
        ))}
        {Array.from({ length: onPage }, (_, i) => (
          <div id={`out${i}`} />
        ))}
      </div>
    ),
  })
  for (let i = 0; i < size; i++) {
    const input = i < affected ? 'in0' : `in${i}`
    app.callback(Output(`out${i}`, 'children'), [Input(input, 'value')], (v) => `got ${v}`)
  }
  return { app, bodies: await captureUpdates(app, [{ id: 'in0', value: 'hello' }]) }
}

/**
 * A layout of `size` components. `live`: half are dcc.Inputs, half divs, each pair joined by a callback
 * that runs on page load (size / 2 initial calls); otherwise plain elements and one callback.
 */
export function layoutApp(size: number, live: boolean): HyperApp {
  const pairs = live ? size / 2 : 1
  const app = createApp({
    title: `layout ${size}`,
    initialBudgetMs: 60_000,
    layout: (
      <main>
        {Array.from({ length: pairs }, (_, i) => (
          <dcc.Input id={`in${i}`} value={`v${i}`} />
        ))}
        {Array.from({ length: live ? pairs : size - 1 }, (_, i) => (
          <div id={`out${i}`} class="cell">
            text {i}
          </div>
        ))}
      </main>
    ),
  })
  for (let i = 0; i < pairs; i++) {
    app.callback(Output(`out${i}`, 'children'), [Input(`in${i}`, 'value')], (v) => `got ${v}`)
  }
  return app
}

/**
 * The requests of `events` on `app` mounted at `base` (`app.mountAt`), as the suite server serves
 * it: signed state is scoped to the base path, so a body captured at `/` is refused at `/a3`.
 */
export async function captureMounted(app: HyperApp, events: UserEvent[], base: string): Promise<Update[]> {
  const site = new Hono()
  site.route(base, app.mountAt(base))
  return captureUpdates(site, events, { path: `${base}/` })
}

/** The user event each suite app's body performs. */
export const suiteEvent = (section: SuiteEntry['section']): UserEvent =>
  section === 'chain' ? { click: 'b' } : { id: 'in0', value: 'hello' }

/** One app of the event suite (sections 2 and 3): what it is, and how to build it. */
export interface SuiteEntry {
  section: 'chain' | 'graph' | 'fan' | 'page'
  n: number
  build: () => Promise<BenchApp & { app: HyperApp }>
}

/** The apps of sections 2 and 3, in a fixed order: the child server mounts entry i at `/a{i}`. */
export function eventSuite(o: {
  depths: number[]
  sizes: number[]
  fanouts: number[]
  pages: number[]
}): SuiteEntry[] {
  return [
    ...o.depths.map((n) => ({ section: 'chain' as const, n, build: () => chainApp(n) })),
    ...o.sizes.map((n) => ({ section: 'graph' as const, n, build: () => graphApp(n, 1) })),
    ...o.fanouts.map((n) => ({ section: 'fan' as const, n, build: () => graphApp(1000, n) })),
    ...o.pages.map((n) => ({ section: 'page' as const, n, build: () => graphApp(n, 1, true) })),
  ]
}

export const SUITE = {
  depths: [1, 5, 25, 100],
  sizes: [10, 100, 1000, 10_000],
  fanouts: [1, 10, 100],
  pages: [10, 100, 1000],
}

/** Every app of the event suite in one Hono app, entry i under `/a{i}`. */
export async function suiteApp(): Promise<BenchApp> {
  const site = new Hono()
  const entries = eventSuite(SUITE)
  for (const [i, e] of entries.entries()) site.route(`/a${i}`, (await e.build()).app.mountAt(`/a${i}`))
  return { app: site, bodies: [] }
}
