/**
 * @module run-side-updates.test
 * The engine's side of issue 13 (R30, R33–R35, R45) through `runWave`: setProps written before the
 * outputs and triggering their consumers, onError, Patch resolved against the page, allowDuplicate
 * ordering, client-side callbacks handed to the page with what reads them held back.
 */
import { describe, expect, it } from 'vitest'
import { clientside } from '../../src/core/clientside.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { Patch } from '../../src/core/patch.ts'
import { noUpdate, PreventUpdate } from '../../src/core/sentinels.ts'
import { setProps } from '../../src/core/side-updates.ts'
import { gate, h, statuses, TestApp } from './harness.ts'

const layout = h('div', {}, [
  h('button', { id: 'btn' }),
  h('div', { id: 'out', children: 'out' }),
  h('div', { id: 'a', children: 'a' }),
  h('div', { id: 'b', children: 'b' }),
  h('ul', { id: 'list', children: [h('li', {}, 'x')] }),
])

describe('setProps (R34)', () => {
  it('refuses an id the page does not show', async () => {
    const app = new TestApp()
    app.callback('side', [], [Input('btn', 'n_clicks')], [], () => setProps('nope', { title: 'x' }), {
      preventInitialCall: true,
    })
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(outcome.results[0]!.error!.message).toBe(
      "The callback side called setProps('nope', { title: … }), but there is no component 'nope' on the page. " +
        'setProps may only set props that the components on the page have.'
    )
  })

  it('writes side updates first, even with every output noUpdate, and runs their consumers', async () => {
    const app = new TestApp()
    app.callback(
      'side',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      () => {
        setProps('a', { children: 'set' })
        setProps('a', { title: 'merged' })
        return noUpdate
      },
      { preventInitialCall: true }
    )
    app.callback('reads', Output('b', 'children'), [Input('a', 'children')], [], (a: string) => `b: ${a}`, {
      preventInitialCall: true,
    })
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(outcome.results.map((r) => [r.cb.name, r.status, r.written])).toEqual([
      ['side', 'updated', ['a.children', 'a.title']],
      ['reads', 'updated', ['b.children']],
    ])
    expect(app.triggered('reads')).toEqual([['a.children']])
    expect([page.value('out.children'), page.value('a.title'), page.value('b.children')]).toEqual([
      'out',
      'merged',
      'b: set',
    ])
  })

  it('is dropped with the rest of the call on PreventUpdate, and kept by a no-output callback', async () => {
    const app = new TestApp()
    app.callback(
      'prevented',
      [],
      [Input('btn', 'n_clicks')],
      [],
      () => {
        setProps('a', { children: 'never' })
        throw new PreventUpdate()
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(outcome.results.map((r) => [r.cb.name, r.status, r.written])).toEqual([
      ['prevented', 'prevented', []],
    ])
    expect(page.has('a')).toBe(false)
  })

  it('keeps its collector per call across awaits (concurrent async callbacks)', async () => {
    const app = new TestApp()
    const g = gate()
    app.callback(
      'slow',
      [],
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        await g.promise
        setProps('a', { children: 'from slow' })
      },
      { preventInitialCall: true }
    )
    app.callback(
      'fast',
      [],
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        setProps('b', { children: 'from fast' })
        g.open()
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    // `a` and `b` take part in no callback: the page shows them (setProps may set them).
    const outcome = await app.click(page, 'btn', { shownKind: () => 'div' })
    expect(Object.fromEntries(outcome.results.map((r) => [r.cb.name, r.written]))).toEqual({
      fast: ['b.children'],
      slow: ['a.children'],
    })
  })
})

describe('onError (R30)', () => {
  it('its value is the output; nothing means noUpdate; setProps works in it', async () => {
    const app = new TestApp()
    app.callback(
      'fails',
      [Output('out', 'children'), Output('b', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      (n: number) => {
        throw new Error(`boom ${n}`)
      },
      {
        preventInitialCall: true,
        onError: (err, ctx) => {
          setProps('a', { children: (err as Error).message })
          return ctx.triggeredId === 'btn' && (ctx.inputs['btn.n_clicks'] as number) === 1
            ? ['recovered', noUpdate]
            : undefined
        },
      }
    )
    const { page } = await app.load(layout)
    let outcome = await app.click(page, 'btn', { shownKind: () => 'div' })
    expect(outcome.results.map((r) => [r.status, r.written])).toEqual([
      ['updated', ['a.children', 'out.children']],
    ])
    outcome = await app.click(page, 'btn', { shownKind: () => 'div' })
    expect(outcome.results.map((r) => [r.status, r.written])).toEqual([['updated', ['a.children']]])
    expect([page.value('out.children'), page.value('a.children')]).toEqual(['recovered', 'boom 2'])
  })

  it('the app-wide handler (WaveOptions.onError) serves callbacks without their own', async () => {
    const app = new TestApp()
    app.callback(
      'fails',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      () => {
        throw new Error('x')
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    await app.click(page, 'btn', { onError: () => 'app-wide' })
    expect(page.value('out.children')).toBe('app-wide')
  })
})

describe('Patch (R33) against the page', () => {
  it('applies to the value the page holds; a list patch is kept as edits', async () => {
    const app = new TestApp()
    app.callback(
      'grow',
      Output('list', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number) =>
        n === 1 ? new Patch().append(h('li', {}, 'y')) : new Patch().at(0, 'props').set('children', 'X'),
      {
        preventInitialCall: true,
      }
    )
    const { page } = await app.load(layout)
    const forms = {
      toData: (v: unknown) => v,
      fromData: (v: unknown) => v,
      single: (v: unknown) => typeof v === 'object',
      editable: (_: string, prop: string) => prop === 'children',
    }
    let outcome = await app.click(page, 'btn', { forms })
    expect(page.value('list.children')).toEqual([h('li', {}, 'x'), h('li', {}, 'y')])
    expect(outcome.results[0]!.edits).toEqual(
      new Map([['list.children', [{ edit: 'append', items: [h('li', {}, 'y')] }]]])
    )
    outcome = await app.click(page, 'btn', { forms })
    expect(outcome.results[0]!.edits).toBeUndefined()
    expect(page.value('list.children')).toEqual([h('li', {}, 'X'), h('li', {}, 'y')])
  })

  it('"Cannot patch undefined" fails the call', async () => {
    const app = new TestApp()
    app.callback('p', Output('out', 'title'), [Input('btn', 'n_clicks')], [], () => new Patch().add(1), {
      preventInitialCall: true,
    })
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(outcome.results[0]!.status).toBe('error')
    expect(outcome.results[0]!.error!.message).toBe(
      "The callback p returned a Patch for 'out.title' (a div) that cannot be applied: Cannot patch undefined: the " +
        'server does not hold its current value. Make it a State of this callback (then it travels with the ' +
        'page), or set the whole value.'
    )
  })
})

describe('allowDuplicate', () => {
  it('the callback that finishes last wins', async () => {
    const app = new TestApp()
    const g = gate()
    app.callback(
      'late',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async () => {
        await g.promise
        return 'late'
      },
      { preventInitialCall: true }
    )
    app.callback(
      'early',
      Output('out', 'children', { allowDuplicate: true }),
      [Input('btn', 'n_clicks')],
      [],
      () => {
        g.open()
        return 'early'
      },
      { preventInitialCall: true }
    )
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(statuses(outcome)).toEqual([
      ['early', 'updated'],
      ['late', 'updated'],
    ])
    expect(page.value('out.children')).toBe('late')
  })
})

describe('client-side callbacks (R45) in a wave', () => {
  it('are handed to the page with their triggers; what reads their outputs is left to the page', async () => {
    const app = new TestApp()
    const fn = clientside('x.mjs', 'f')
    app.callback('server1', Output('a', 'children'), [Input('btn', 'n_clicks')], [], () => 'A', {
      preventInitialCall: true,
    })
    app.callback(
      'client',
      Output('b', 'children'),
      [Input('a', 'children')],
      [],
      () => {
        throw new Error('never on the server')
      },
      { preventInitialCall: true, clientside: fn }
    )
    app.callback(
      'server2',
      Output('out', 'children'),
      [Input('b', 'children'), Input('btn', 'n_clicks')],
      [State('a', 'children')],
      () => 'C',
      {
        preventInitialCall: true,
      }
    )
    const { page } = await app.load(layout)
    const outcome = await app.click(page, 'btn')
    expect(statuses(outcome)).toEqual([['server1', 'updated']])
    expect(outcome.clientside.map((c) => [c.cb.name, c.changed])).toEqual([['client', ['a.children']]])
    // server2 reads b.children, which the page's client-side callback may write: the page triggers it.
    expect(outcome.deferred).toEqual([])
    expect(app.count('server2')).toBe(0)
  })

  it('initial calls of client-side callbacks go to the page (preventInitialCall honoured)', async () => {
    const app = new TestApp()
    app.callback('c1', Output('a', 'children'), [Input('btn', 'n_clicks')], [], () => 1, {
      clientside: clientside('x.mjs', 'f'),
    })
    app.callback('c2', Output('b', 'children'), [Input('btn', 'n_clicks')], [], () => 1, {
      clientside: clientside('x.mjs', 'g'),
      preventInitialCall: true,
    })
    const { outcome } = await app.load(layout)
    expect(outcome.results).toEqual([])
    expect(outcome.clientside.map((c) => [c.cb.name, c.changed])).toEqual([['c1', []]])
  })
})
