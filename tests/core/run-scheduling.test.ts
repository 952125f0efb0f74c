/**
 * @module run-scheduling.test
 * How `runWave` schedules: independent async callbacks concurrently, dependent ones in order (R14);
 * callbacks blocked only by requests in flight elsewhere handed back as `deferred`; `unfinished`
 * after an abort; `timeoutMs`; `onResult` and `expand`.
 */
import { describe, expect, it } from 'vitest'
import type { CallbackContext } from '../../src/core/context.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { messages } from '../../src/core/errors.ts'
import { externalPending } from '../../src/core/plan.ts'
import { gate, h, statuses, TestApp } from './harness.ts'

describe('concurrency', () => {
  it('runs independent async callbacks at the same time (one waits for the other to open a gate)', async () => {
    const app = new TestApp()
    const opened = gate()
    const log: string[] = []
    app.callback(
      'waiter',
      Output('w', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        log.push('waiter starts')
        await opened.promise
        log.push('waiter ends')
        return 'w'
      },
      { timeoutMs: 10_000 }
    )
    app.callback('opener', Output('o', 'children'), [Input('btn', 'n_clicks')], [], async () => {
      log.push('opener starts')
      await null
      opened.open()
      log.push('opener ends')
      return 'o'
    })
    const { outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'w' }), h('div', { id: 'o' })])
    )
    expect(log).toEqual(['waiter starts', 'opener starts', 'opener ends', 'waiter ends'])
    expect(statuses(outcome)).toEqual([
      ['opener', 'updated'],
      ['waiter', 'updated'],
    ])
  })

  it('starts a dependent callback only after its upstream has finished and been applied', async () => {
    const app = new TestApp()
    const log: string[] = []
    app.callback('up', Output('mid', 'children'), [Input('btn', 'n_clicks')], [], async () => {
      log.push('up starts')
      await new Promise((r) => setImmediate(r))
      log.push('up ends')
      return 'M'
    })
    app.callback(
      'down',
      Output('out', 'children'),
      [Input('mid', 'children'), Input('btn', 'n_clicks')],
      [],
      (m: string) => {
        log.push(`down starts with ${m}`)
        return m
      }
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'mid' }), h('div', { id: 'out' })])
    )
    expect(log).toEqual(['up starts', 'up ends', 'down starts with M'])
    expect(page.value('out.children')).toBe('M')
  })
})

describe('deferral: callbacks blocked only by requests in flight elsewhere', () => {
  // P (in flight elsewhere): src.value → a.value. X: (btn, a) → x. W: (btn, x) → w. Z: btn → z.
  // S reads a.value as a State only: fresh State defers it too (docs/porting.md).
  function setup() {
    const app = new TestApp()
    const P = app.callback('P', Output('a', 'value'), [Input('src', 'value')], [], (v: string) => v)
    const X = app.callback(
      'X',
      Output('x', 'children'),
      [Input('btn', 'n_clicks'), Input('a', 'value')],
      [],
      () => 'X'
    )
    const W = app.callback(
      'W',
      Output('w', 'children'),
      [Input('btn', 'n_clicks'), Input('x', 'children')],
      [],
      () => 'W'
    )
    app.callback('Z', Output('z', 'children'), [Input('btn', 'n_clicks')], [], (n: number) => `Z${n}`)
    const S = app.callback(
      'S',
      Output('s', 'children'),
      [Input('btn', 'n_clicks')],
      [State('a', 'value')],
      (_n: number, a: string) => `S ${a}`
    )
    const layout = h('div', {}, [
      h('dcc.Input', { id: 'src', value: 's' }),
      h('dcc.Input', { id: 'a', value: 'old' }),
      h('button', { id: 'btn' }),
      ...['x', 'w', 'z', 's'].map((id) => h('div', { id })),
    ])
    return { app, P, X, W, S, layout }
  }

  it('runs what it can and hands back the blocked callbacks, in order, with their triggers', async () => {
    const { app, X, W, S, layout } = setup()
    const { page } = await app.load(layout, { start: [] })
    const external = externalPending(app.graph, ['src.value'])
    expect([...external].sort()).toEqual(['a.value', 'w.children', 'x.children'])
    const o = await app.click(page, 'btn', { external })
    expect(statuses(o)).toEqual([['Z', 'updated']])
    expect(o.deferred).toEqual([
      { cb: S, changed: ['btn.n_clicks'] },
      { cb: X, changed: ['btn.n_clicks'] },
      { cb: W, changed: ['btn.n_clicks'] },
    ])
    expect(o.unfinished).toEqual([])
    expect(o.aborted).toBe(false)
    expect(page.value('s.children')).toBe(null)
    expect(app.calls).toEqual({ Z: 1 })
  })

  it('runs the deferred callbacks once re-asked after the blocking request landed', async () => {
    const { app, X, W, S, layout } = setup()
    const { page } = await app.load(layout, { start: [] })
    const first = await app.click(page, 'btn', { external: externalPending(app.graph, ['src.value']) })
    page.set('a.value', 'new')
    const again = await app.event(page, {}, { start: first.deferred })
    expect(statuses(again)).toEqual([
      ['S', 'updated'],
      ['X', 'updated'],
      ['W', 'updated'],
    ])
    expect(page.value('s.children')).toBe('S new')
    expect(app.triggered('W')).toEqual([['btn.n_clicks', 'x.children']])
    expect([S.name, X.name, W.name].map((n) => app.count(n))).toEqual([1, 1, 1])
  })

  it('defers a re-asked callback too when the request it waits on is still in flight', async () => {
    const { app, P, X, layout } = setup()
    const { page } = await app.load(layout, { start: [] })
    const o = await app.event(
      page,
      {},
      { start: [{ cb: X, changed: ['a.value'] }], external: externalPending(app.graph, [], [P]) }
    )
    expect(o.results).toEqual([])
    expect(o.deferred).toEqual([{ cb: X, changed: ['a.value'] }])
  })
})

describe('abort: unfinished callbacks', () => {
  it('reports the running and the waiting callbacks with their triggers, and stops', async () => {
    const app = new TestApp()
    const never = gate<string>()
    const slow = app.callback(
      'slow',
      Output('mid', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      () => never.promise
    )
    const down = app.callback(
      'down',
      Output('out', 'children'),
      [Input('btn', 'n_clicks'), Input('mid', 'children')],
      [],
      () => 'd'
    )
    app.callback('fast', Output('f', 'children'), [Input('btn', 'n_clicks')], [], () => 'f')
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), ...['mid', 'out', 'f'].map((id) => h('div', { id }))]),
      { start: [] }
    )
    const controller = new AbortController()
    const o = await app.click(page, 'btn', {
      signal: controller.signal,
      onResult: (r) => {
        if (r.cb.name === 'fast') controller.abort()
      },
    })
    expect(o.aborted).toBe(true)
    expect(statuses(o)).toEqual([['fast', 'updated']])
    expect(o.unfinished).toEqual([
      { cb: slow, changed: ['btn.n_clicks'] },
      { cb: down, changed: ['btn.n_clicks'] },
    ])
    expect(o.deferred).toEqual([])
    never.open('late')
    await new Promise((r) => setImmediate(r))
    expect(page.value('mid.children')).toBe(null)
    expect(app.calls).toEqual({ slow: 1, fast: 1 })
  })

  it("reports initial calls with no triggers, and aborts the running callback's signal", async () => {
    const app = new TestApp()
    let signal: AbortSignal | undefined
    const slow = app.callback(
      'slow',
      Output('a', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (_n: unknown, c: CallbackContext) => {
        signal = c.signal
        return new Promise(() => {})
      }
    )
    const after = app.callback('after', Output('b', 'children'), [Input('a', 'children')], [], () => 'b')
    const controller = new AbortController()
    const loading = app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'a' }), h('div', { id: 'b' })]),
      { signal: controller.signal }
    )
    await new Promise((r) => setImmediate(r))
    expect(signal!.aborted).toBe(false)
    controller.abort()
    const { outcome } = await loading
    expect(signal!.aborted).toBe(true)
    expect(outcome.unfinished).toEqual([
      { cb: slow, changed: [] },
      { cb: after, changed: [] },
    ])
  })

  it('runs nothing when the signal is already aborted', async () => {
    const app = new TestApp()
    const f = app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => 'x')
    const { outcome } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]), {
      signal: AbortSignal.abort(),
    })
    expect(outcome).toEqual({
      results: [],
      deferred: [],
      unfinished: [{ cb: f, changed: [] }],
      clientside: [],
      aborted: true,
    })
    expect(app.calls).toEqual({})
  })
})

describe('timeoutMs', () => {
  const layout = h('div', {}, [
    h('button', { id: 'btn' }),
    h('div', { id: 'out' }),
    h('div', { id: 'after' }),
  ])

  it.each([
    { case: "the callback's own timeoutMs", own: 5, wave: undefined, ms: 5 },
    { case: 'the wave default', own: undefined, wave: 5, ms: 5 },
    { case: "the callback's own, over the wave default", own: 5, wave: 60_000, ms: 5 },
  ])(
    '$case turns a hanging call into an error, aborts its signal, and stops the chain',
    async ({ own, wave, ms }) => {
      const app = new TestApp()
      let signal: AbortSignal | undefined
      app.callback(
        'hangs',
        Output('out', 'children'),
        [Input('btn', 'n_clicks')],
        [],
        (_n: unknown, c: CallbackContext) => {
          signal = c.signal
          return new Promise(() => {})
        },
        { timeoutMs: own }
      )
      app.callback('after', Output('after', 'children'), [Input('out', 'children')], [], () => 'ran')
      const { page, outcome } = await app.load(layout, { timeoutMs: wave })
      expect(outcome.results.map((r) => [r.cb.name, r.status, r.error?.message, r.error?.outputs])).toEqual([
        ['hangs', 'error', messages.timedOut('hangs', ms), ['out.children']],
      ])
      expect(signal!.aborted).toBe(true)
      expect(page.value('after.children')).toBe(null)
      expect(app.count('after')).toBe(0)
    }
  )

  it('does not touch a callback that finishes in time', async () => {
    const app = new TestApp()
    app.callback('quick', Output('out', 'children'), [Input('btn', 'n_clicks')], [], async () => 'done', {
      timeoutMs: 60_000,
    })
    const { page, outcome } = await app.load(layout)
    expect(statuses(outcome)).toEqual([['quick', 'updated']])
    expect(page.value('out.children')).toBe('done')
  })
})

describe('onResult and expand', () => {
  it('reports each result once applied, in completion order, waiting for an async onResult', async () => {
    const app = new TestApp()
    app.callback('first', Output('a', 'children'), [Input('btn', 'n_clicks')], [], () => 'A')
    app.callback('second', Output('b', 'children'), [Input('a', 'children')], [], (a: string) => `${a}B`)
    const seen: string[] = []
    const { outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'a' }), h('div', { id: 'b' })]),
      {
        onResult: async (r) => {
          seen.push(`${r.cb.name}: ${JSON.stringify(r.written)}`)
          await new Promise((res) => setImmediate(res))
          seen.push(`${r.cb.name} flushed`)
        },
      }
    )
    expect(seen).toEqual([
      'first: ["a.children"]',
      'first flushed',
      'second: ["b.children"]',
      'second flushed',
    ])
    expect(outcome.results.map((r) => r.cb.name)).toEqual(['first', 'second'])
  })

  it('expands a new children value before applying it and scanning it for components', async () => {
    const app = new TestApp()
    app.callback('insert', Output('container', 'children'), [Input('btn', 'n_clicks')], [], () => ({
      make: 'input',
    }))
    app.callback(
      'inner',
      Output('inner-out', 'children'),
      [Input('inner', 'value')],
      [],
      (v: string) => `got ${v}`
    )
    // Text and numbers are never handed to `expand` (kept as they are): a marker object is.
    const expand = async (v: unknown) =>
      (v as { make?: string })?.make === 'input'
        ? [h('dcc.Input', { id: 'inner', value: 'x' }), h('div', { id: 'inner-out' })]
        : v
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'container' })]),
      { expand }
    )
    expect(outcome.results.map((r) => [r.cb.name, r.inserted])).toEqual([
      ['insert', ['inner', 'inner-out']],
      ['inner', []],
    ])
    expect(page.value('inner-out.children')).toBe('got x')
  })
})
