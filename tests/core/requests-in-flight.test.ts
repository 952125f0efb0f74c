/**
 * Planning across requests (issue 3): which callbacks a request runs, and which it hands back to the
 * client, given the props that requests still in flight may change (R14 across requests).
 */
import { describe, expect, it } from 'vitest'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { externalPending } from '../../src/core/plan.ts'
import { gate, h, TestApp } from './harness.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The seed's chained callbacks: fast → first, slow → second, (first, second) → third. */
function seedChain() {
  const app = new TestApp()
  app.callback('fast', [Output('first', 'children')], [Input('fast-btn', 'n_clicks')], [], (n) => [
    `fast ${n}`,
  ])
  const slow = app.callback(
    'slow',
    [Output('second', 'children')],
    [Input('slow-btn', 'n_clicks')],
    [],
    (n) => [`slow ${n}`]
  )
  app.callback(
    'third',
    [Output('third', 'children')],
    [Input('first', 'children'), Input('second', 'children')],
    [],
    (a, b) => [`${a} + ${b}`]
  )
  const layout = h(
    'div',
    {},
    h('button', { id: 'fast-btn' }),
    h('button', { id: 'slow-btn' }),
    h('div', { id: 'first' }, 'not executed'),
    h('div', { id: 'second' }, 'not executed'),
    h('div', { id: 'third' }, 'not executed')
  )
  return { app, slow, layout }
}

describe('externalPending', () => {
  it('is everything downstream of the triggers of requests in flight, not the triggers themselves', () => {
    const { app } = seedChain()
    expect([...externalPending(app.graph, ['slow-btn.n_clicks'])]).toEqual([
      'second.children',
      'third.children',
    ])
    expect([...externalPending(app.graph, ['fast-btn.n_clicks'])]).toEqual([
      'first.children',
      'third.children',
    ])
    expect([...externalPending(app.graph, [])]).toEqual([])
  })

  it('includes what re-asked callbacks in flight may write', () => {
    const { app, slow } = seedChain()
    expect([...externalPending(app.graph, [], [slow])]).toEqual(['second.children', 'third.children'])
  })
})

describe('a request while another is in flight (seed: slow, then fast)', () => {
  it('runs the fast callback and defers the third, which reads an output the slow request may change', async () => {
    const { app, layout } = seedChain()
    const { page } = await app.load(layout)
    const before = app.count('third')
    const external = externalPending(app.graph, ['slow-btn.n_clicks'])
    const out = await app.click(page, 'fast-btn', { external })
    expect(out.results.map((r) => [r.cb.name, r.status])).toEqual([['fast', 'updated']])
    expect(out.deferred.map((d) => [d.cb.name, d.changed])).toEqual([['third', ['first.children']]])
    expect(app.count('third')).toBe(before)
    expect(page.value('first.children')).toBe('fast 1')
  })

  it('does not defer a callback whose inputs requests in flight cannot change', async () => {
    const { app, layout } = seedChain()
    const { page } = await app.load(layout)
    const external = externalPending(app.graph, ['fast-btn.n_clicks'])
    const out = await app.click(page, 'slow-btn', { external })
    // third reads first (pending elsewhere): deferred; slow itself is not affected
    expect(out.results.map((r) => r.cb.name)).toEqual(['slow'])
    expect(out.deferred.map((d) => d.cb.name)).toEqual(['third'])
  })

  // Fresh State (docs/porting.md): a State that a request in flight may still write is read after it
  // lands; within one wave a State never blocks (R14, last point, as in Dash).
  function stateReader() {
    const app = new TestApp({ preventInitialCallbacks: true })
    const producer = app.callback(
      'producer',
      Output('p', 'children'),
      Input('src', 'n_clicks'),
      [],
      (n) => `p${n}`
    )
    const reader = app.callback(
      'reader',
      Output('r', 'children'),
      Input('go', 'n_clicks'),
      [State('p', 'children')],
      (n, p) => `${n}:${p}`
    )
    app.callback('both', Output('b', 'children'), Input('go', 'n_clicks'), [], (n) => `b${n}`)
    const layout = h(
      'div',
      {},
      h('button', { id: 'src' }),
      h('button', { id: 'go' }),
      h('div', { id: 'p' }, 'old'),
      h('div', { id: 'r' }),
      h('div', { id: 'b' })
    )
    return { app, producer, reader, layout }
  }

  it.each([
    { case: 'its producer in flight elsewhere', pending: ['src.n_clicks'], deferred: true, r: null },
    { case: 'nothing in flight', pending: [], deferred: false, r: '1:old' },
    { case: 'another request in flight', pending: ['go.n_clicks'], deferred: false, r: '1:old' },
  ])('a State with $case: deferred $deferred', async ({ pending, deferred, r }) => {
    const { app, reader, layout } = stateReader()
    const { page } = await app.load(layout)
    const out = await app.click(page, 'go', { external: externalPending(app.graph, pending) })
    expect(out.deferred).toEqual(deferred ? [{ cb: reader, changed: ['go.n_clicks'] }] : [])
    expect(page.value('r.children')).toBe(r)
    expect(page.value('b.children')).toBe('b1')
    expect(app.count('reader')).toBe(deferred ? 0 : 1)
  })

  it('the deferred State reader, re-asked once its producer landed, runs once with the fresh value', async () => {
    const { app, layout } = stateReader()
    const { page } = await app.load(layout)
    const first = await app.click(page, 'go', { external: externalPending(app.graph, ['src.n_clicks']) })
    await app.click(page, 'src')
    expect(page.value('p.children')).toBe('p1')
    await app.event(page, {}, { start: first.deferred })
    expect(page.value('r.children')).toBe('1:p1')
    expect(app.count('reader')).toBe(1)
  })

  it('within one wave a State never blocks (R14): the reader runs beside its producer', async () => {
    const app = new TestApp({ preventInitialCallbacks: true })
    const never = gate<string>()
    app.callback('producer', Output('p', 'children'), Input('go', 'n_clicks'), [], () => never.promise)
    app.callback(
      'reader',
      Output('r', 'children'),
      Input('go', 'n_clicks'),
      [State('p', 'children')],
      (n, p) => `${n}:${p}`
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'go' }),
      h('div', { id: 'p' }, 'old'),
      h('div', { id: 'r' })
    )
    const { page } = await app.load(layout)
    const wave = app.click(page, 'go')
    await sleep(0) // lets the reader's result be applied; the producer is still held by its gate
    expect(page.value('r.children')).toBe('1:old')
    never.open('new')
    await wave
    expect(page.value('p.children')).toBe('new')
  })

  it('the re-asked third runs once, with both triggers merged (R13)', async () => {
    const { app, layout } = seedChain()
    const { page } = await app.load(layout)
    const third = app.graph.callbacks[2]!
    page.set('first.children', 'fast 1')
    page.set('second.children', 'slow 1')
    const before = app.count('third')
    const { runWave } = await import('../../src/core/run.ts')
    await runWave({
      graph: app.graph,
      page,
      start: [{ cb: third, changed: ['first.children', 'second.children'] }],
      prevent: app.prevent,
      scan: app.scanner,
    })
    expect(app.count('third') - before).toBe(1)
    expect(app.triggered('third').at(-1)).toEqual(['first.children', 'second.children'])
    expect(page.value('third.children')).toBe('fast 1 + slow 1')
  })
})

describe('a streamed request hands back callbacks that would read a stale snapshot', () => {
  it('runs the chain while young; after handBackAfterMs, hands back a callback reading a prop it did not write', async () => {
    const { layout } = seedChain()
    const slowGate = gate()
    const app2 = new TestApp()
    app2.callback('slow', Output('second', 'children'), Input('slow-btn', 'n_clicks'), [], async (n) => {
      await slowGate.promise
      return `slow ${n}`
    })
    app2.callback(
      'third',
      Output('third', 'children'),
      [Input('first', 'children'), Input('second', 'children')],
      [],
      (a, b) => `${a} + ${b}`
    )
    const p2 = app2.page(layout)
    const run = app2.click(p2, 'slow-btn', { handBackAfterMs: 20 })
    await sleep(40)
    slowGate.open()
    const out = await run
    expect(out.results.map((r) => r.cb.name)).toEqual(['slow'])
    expect(out.deferred.map((d) => [d.cb.name, d.changed])).toEqual([['third', ['second.children']]])
    expect(app2.count('third')).toBe(0)
  })

  it('keeps running a callback whose inputs were all written by the request itself (seed: prevent_initial_call)', async () => {
    const app = new TestApp()
    app.callback(
      'first',
      [Output('o1', 'children'), Output('o2', 'children')],
      Input('b', 'n_clicks'),
      [],
      () => ['1', '2'],
      {
        preventInitialCall: true,
      }
    )
    app.callback(
      'second',
      Output('o3', 'children'),
      Input('o2', 'children'),
      [],
      async () => (await sleep(30), '3'),
      {
        preventInitialCall: true,
      }
    )
    app.callback(
      'third',
      Output('o4', 'children'),
      [Input('o1', 'children'), Input('o3', 'children')],
      [],
      async () => (await sleep(30), '4'),
      {
        preventInitialCall: true,
      }
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'b' }),
      ...['o1', 'o2', 'o3', 'o4'].map((id) => h('div', { id }, 'not executed'))
    )
    const { page } = await app.load(layout)
    expect(app.log).toEqual([])
    const out = await app.click(page, 'b', { handBackAfterMs: 5 })
    expect(out.deferred).toEqual([])
    expect(app.log).toEqual(['first', 'second', 'third'])
    expect(['o1', 'o2', 'o3', 'o4'].map((id) => page.value(`${id}.children`))).toEqual(['1', '2', '3', '4'])
  })
})

describe('Dash scenarios', () => {
  it('cbmt013: a chain is blocked until its inputs settle: each callback once on load and once per change', async () => {
    const all: Record<string, string[]> = {
      America: ['New York City', 'San Francisco'],
      Canada: ['Montreal', 'Toronto'],
    }
    const app = new TestApp()
    app.callback(
      'opts',
      Output('cities', 'options'),
      Input('countries', 'value'),
      [],
      (c) => all[c as string]
    )
    app.callback('city', Output('cities', 'value'), Input('cities', 'options'), [], (o) => (o as string[])[0])
    app.callback(
      'out',
      Output('display', 'children'),
      [Input('countries', 'value'), Input('cities', 'value')],
      [],
      (country, city) => {
        if (!all[country as string]!.includes(city as string))
          throw new Error(`out of sync: ${city} / ${country}`)
        return `${city} is a city in ${country}`
      }
    )
    const layout = h(
      'div',
      {},
      h('radio', { id: 'countries', value: 'America' }),
      h('radio', { id: 'cities' }),
      h('div', { id: 'display' })
    )
    const { page, outcome } = await app.load(layout)
    expect(outcome.results.every((r) => r.status === 'updated')).toBe(true)
    expect([app.count('opts'), app.count('city'), app.count('out')]).toEqual([1, 1, 1])
    expect(page.value('display.children')).toBe('New York City is a city in America')
    await app.event(page, { 'countries.value': 'Canada' })
    expect([app.count('opts'), app.count('city'), app.count('out')]).toEqual([2, 2, 2])
    expect(page.value('display.children')).toBe('Montreal is a city in Canada')
  })

  it('cbsc013: two quick clicks on a multi-output callback are two independent requests (3 calls with the initial)', async () => {
    const app = new TestApp()
    app.callback(
      'update',
      [Output('output1', 'children'), Output('output2', 'children')],
      Input('input', 'n_clicks'),
      [],
      (n) => [n, Number(n) + 1]
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'input', n_clicks: 0 }),
      h('div', { id: 'output1' }),
      h('div', { id: 'output2' })
    )
    const first = await app.load(layout)
    await Promise.all([app.click(first.page, 'input'), app.click(first.page, 'input')])
    expect(app.count('update')).toBe(3)
    expect([first.page.value('output1.children'), first.page.value('output2.children')]).toEqual([2, 3])
  })
})
