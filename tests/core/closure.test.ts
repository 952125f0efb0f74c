/**
 * @module closure.test
 * What one event's request must carry (src/core/closure.ts): the components its chain may read or
 * write, and nothing else; and how a wave treats the ids such a request says nothing about (R20).
 */
import { describe, expect, it } from 'vitest'
import { chainIds } from '../../src/core/closure.ts'
import { Carried } from '../../src/core/carry.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { PageState } from '../../src/core/page.ts'
import { h, statuses, TestApp } from './harness.ts'

/**
 * a.value → A → x.children → B (State s.value) → y.children; c.value → C → z.children (own chain);
 * d.n_clicks → D (State x.children) → w.children: reads A's output as State, so it is not downstream.
 */
function chains() {
  const app = new TestApp({ preventInitialCallbacks: true })
  app.callback('A', Output('x', 'children'), [Input('a', 'value')], [], (v) => `x ${v}`)
  app.callback(
    'B',
    Output('y', 'children'),
    [Input('x', 'children')],
    [State('s', 'value')],
    (x, s) => `${x} ${s}`
  )
  app.callback('C', Output('z', 'children'), [Input('c', 'value'), Input('a', 'value')], [], (c) => `z ${c}`)
  app.callback(
    'D',
    Output('w', 'children'),
    [Input('d', 'n_clicks')],
    [State('x', 'children')],
    (n) => `w ${n}`
  )
  return app
}

describe('chainIds', () => {
  const app = chains()
  it.each([
    { changed: ['a.value'], ids: ['a', 'c', 's', 'x', 'y', 'z'] },
    { changed: ['c.value'], ids: ['a', 'c', 'z'] },
    { changed: ['d.n_clicks'], ids: ['d', 'w', 'x'] },
    { changed: ['x.children'], ids: ['s', 'x', 'y'] },
    { changed: ['c.value', 'd.n_clicks'], ids: ['a', 'c', 'd', 'w', 'x', 'z'] },
    { changed: ['nobody.value'], ids: ['nobody'] },
  ])('$changed → $ids', ({ changed, ids }) => {
    expect([...chainIds(app.graph, changed)!].sort()).toEqual(ids)
  })

  it('follows a graph that grew after a first answer', () => {
    const g = chains()
    expect([...chainIds(g.graph, ['y.children'])!]).toEqual(['y'])
    g.callback('E', Output('v', 'children'), [Input('y', 'children')], [], (y) => y)
    expect([...chainIds(g.graph, ['y.children'])!].sort()).toEqual(['v', 'y'])
  })
})

describe('a wave on a request that carried only its chain (unseen ids)', () => {
  // go.n_clicks → fill → box.children inserts `inner`; R20b: inner.value → far (output `far`, outside
  // the chain); R20a: `echo` has its output inside the chunk and reads `other` as State.
  function inserting() {
    const app = new TestApp({ preventInitialCallbacks: true })
    app.callback('fill', Output('box', 'children'), [Input('go', 'n_clicks')], [], () =>
      h('div', {}, h('dcc.Input', { id: 'inner', value: 'v' }), h('div', { id: 'inner-out' }))
    )
    app.callback('far', Output('far', 'children'), [Input('inner', 'value')], [], (v) => `far ${v}`)
    app.callback(
      'echo',
      Output('inner-out', 'children'),
      [Input('inner', 'value')],
      [State('other', 'value')],
      (v, o) => `${v} ${o}`,
      { preventInitialCall: false }
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'go' }),
      h('div', { id: 'box' }),
      h('div', { id: 'far' }),
      h('dcc.Input', { id: 'other', value: 'o' })
    )
    return { app, layout }
  }

  it('hands back the callbacks set off by inserted components that touch an unseen id', async () => {
    const { app, layout } = inserting()
    const full = app.page(layout)
    const known = chainIds(app.graph, ['go.n_clicks'])!
    expect([...known].sort()).toEqual(['box', 'go'])
    // The request carries `go` and `box` only.
    const page = new PageState([...full.records()].filter((r) => known.has(r.id)))
    const unseen = new Carried(known, (id) => page.has(id))
    const o = await app.click(page, 'go', { unseen })
    expect(statuses(o)).toEqual([['fill', 'updated']])
    expect(o.deferred.map((d) => [d.cb.name, d.changed])).toEqual([
      ['far', ['inner.value']],
      ['echo', []],
    ])
    expect(app.count('far') + app.count('echo')).toBe(0)
  })

  it('runs them in the same wave when the request carried the whole page', async () => {
    const { app, layout } = inserting()
    const page = app.page(layout)
    const o = await app.click(page, 'go')
    expect(
      statuses(o)
        .map(([n]) => n)
        .sort()
    ).toEqual(['echo', 'far', 'fill'])
    expect(page.value('inner-out.children')).toBe('v o')
    expect(page.value('far.children')).toBe('far v')
  })

  it('drops, as before, a callback whose outputs the chain knows are off the page (R24)', async () => {
    const { app, layout } = inserting()
    const known = chainIds(app.graph, ['go.n_clicks'])!
    const page = new PageState([...app.page(layout).records()].filter((r) => r.id === 'go'))
    const o = await app.click(page, 'go', { unseen: new Carried(known, (id) => page.has(id)) })
    expect(o.results).toEqual([])
    expect(o.deferred).toEqual([])
  })
})
