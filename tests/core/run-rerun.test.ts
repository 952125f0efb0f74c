/**
 * @module run-rerun.test
 * R37 at run time: a request is dropped only when its own callback caused it (its predecessors);
 * a callback whose output is inserted again later in the same wave gets its initial call (R20a).
 */
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../../src/core/dependency.ts'
import { gate, h, statuses, TestApp } from './harness.ts'

describe('a callback whose output is re-inserted after it ran', () => {
  it('runs again for the new output, as Dash does (its initial call comes from another callback)', async () => {
    const app = new TestApp()
    // Registered first, so it finishes before the section around its output is re-rendered.
    app.callback(
      'fill',
      Output('panel', 'children'),
      [Input('tabs', 'value')],
      [],
      (v: number) => `panel for tab ${v}`
    )
    app.callback('render', Output('section', 'children'), [Input('tabs', 'value')], [], (v: number) =>
      h('div', { id: 'panel', 'data-tab': v })
    )
    const { page } = await app.load(
      h('div', {}, [h('dcc.RadioItems', { id: 'tabs', value: 1 }), h('div', { id: 'section' })])
    )
    expect(page.value('panel.children')).toBe('panel for tab 1')
    const o = await app.event(page, { 'tabs.value': 2 })
    expect(page.value('panel.children')).toBe('panel for tab 2')
    expect(statuses(o)).toEqual([
      ['fill', 'updated'],
      ['render', 'updated'],
      ['fill', 'updated'],
    ])
    expect(app.calls).toEqual({ fill: 3, render: 2 })
  })

  it('drops the result of a call asked for again while it runs, and runs it again (R16)', async () => {
    const app = new TestApp()
    const slow = gate()
    app.callback('fill', Output('panel', 'children'), [Input('tabs', 'value')], [], async (v: number) => {
      if (v === 2 && app.count('fill') === 2) await slow.promise
      return `panel for tab ${v}`
    })
    app.callback('render', Output('section', 'children'), [Input('tabs', 'value')], [], (v: number) =>
      h('div', { id: 'panel', 'data-tab': v })
    )
    const { page } = await app.load(
      h('div', {}, [h('dcc.RadioItems', { id: 'tabs', value: 1 }), h('div', { id: 'section' })])
    )
    const o = await app.event(
      page,
      { 'tabs.value': 2 },
      {
        onResult: (r) => {
          if (r.cb.name === 'render') slow.open()
        },
      }
    )
    expect(statuses(o)).toEqual([
      ['render', 'updated'],
      ['fill', 'dropped'],
      ['fill', 'updated'],
    ])
    expect(o.results.map((r) => r.written)).toEqual([['section.children'], [], ['panel.children']])
    expect(page.value('panel.children')).toBe('panel for tab 2')
    expect(app.calls).toEqual({ fill: 3, render: 2 })
  })
})

describe('R37: a chain never loops back to a callback that caused it', () => {
  it('ignores the trigger of a component inserted by the very callback it would run', async () => {
    const app = new TestApp()
    app.callback(
      'rebuild',
      Output('container', 'children'),
      [Input('btn', 'n_clicks'), Input('inner', 'value')],
      [],
      (n: number | null) => h('dcc.Input', { id: 'inner', value: `v${n}` })
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'container' })])
    )
    expect(statuses(outcome)).toEqual([['rebuild', 'updated']])
    const o = await app.click(page, 'btn')
    expect(statuses(o)).toEqual([['rebuild', 'updated']])
    expect(page.value('inner.value')).toBe('v1')
    expect(app.count('rebuild')).toBe(2)
  })

  it('runs a callback once when two of its inputs are written one after the other by one chain', async () => {
    const app = new TestApp()
    app.callback('a', Output('x', 'children'), [Input('btn', 'n_clicks')], [], () => 'X')
    app.callback('b', Output('y', 'children'), [Input('x', 'children')], [], (x: string) => `${x}Y`)
    app.callback(
      'c',
      Output('z', 'children'),
      [Input('x', 'children'), Input('y', 'children')],
      [],
      (x: string, y: string) => x + y
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), ...['x', 'y', 'z'].map((id) => h('div', { id }))])
    )
    await app.click(page, 'btn')
    expect(page.value('z.children')).toBe('XXY')
    expect(app.calls).toEqual({ a: 2, b: 2, c: 2 })
    expect(app.triggered('c')).toEqual([
      ['x.children', 'y.children'],
      ['x.children', 'y.children'],
    ])
  })
})
