/**
 * @module run-removal.test
 * Callbacks whose outputs are not on the page (Dash rddp001) or leave it during the wave (R24,
 * cbmo004): never called when absent before they start, results dropped when they vanish mid-call.
 */
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../../src/core/dependency.ts'
import { gate, h, statuses, TestApp } from './harness.ts'

describe('rddp001: dependencies on components that do not exist', () => {
  it('never calls the callback whose output is absent, on load or on typing', async () => {
    const app = new TestApp()
    app.callback('to_missing', Output('nope', 'children'), [Input('input', 'value')], [], (v: string) => v)
    app.callback('to_output', Output('output-1', 'children'), [Input('input', 'value')], [], (v: string) => v)
    const { page } = await app.load(
      h('div', {}, [h('dcc.Input', { id: 'input', value: 'initial value' }), h('div', { id: 'output-1' })])
    )
    await app.type(page, 'input', 'abc')
    expect(page.value('output-1.children')).toBe('initial valueabc')
    expect(app.calls).toEqual({ to_output: 4 })
  })
})

describe('cbmt011 continued: a callback of a replaced output', () => {
  it('is not called once its output has been replaced away', async () => {
    const app = new TestApp()
    app.callback(
      'display_content',
      Output('tab-output', 'children'),
      [Input('tabs', 'value')],
      [],
      (v: number) => h('div', { id: `tab-${v}-output` })
    )
    for (const tab of [1, 2]) {
      app.callback(
        `tab${tab}`,
        Output(`tab-${tab}-output`, 'children'),
        [Input('outer-controls', 'value')],
        [],
        (v: string) => `Selected "${v}" in tab ${tab}`
      )
    }
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Dropdown', { id: 'outer-controls', value: 'a' }),
        h('dcc.RadioItems', { id: 'tabs', value: 1 }),
        h('div', { id: 'tab-output' }),
      ])
    )
    await app.event(page, { 'tabs.value': 2 })
    const o = await app.event(page, { 'outer-controls.value': 'b' })
    expect(page.value('tab-2-output.children')).toBe('Selected "b" in tab 2')
    expect(app.calls).toEqual({ display_content: 2, tab1: 1, tab2: 2 })
    expect(statuses(o)).toEqual([['tab2', 'updated']])
  })
})

describe('R24: outputs removed while a callback is pending', () => {
  /** `btn` starts `slow` (writes inside `chapter`) and `switch` (replaces `chapter`'s children). */
  function chapters() {
    const app = new TestApp()
    const slow = gate()
    app.callback(
      'switch',
      Output('chapter', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) =>
        n ? 'Chapter 2' : [h('div', { id: 'button-output' }, 'ready'), h('div', { id: 'below' })]
    )
    app.callback(
      'slow',
      Output('button-output', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async (n: number | null) => {
        if (n) await slow.promise
        return `clicked ${n}`
      }
    )
    return { app, slow, layout: h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'chapter' })]) }
  }

  it('drops the result of a running callback whose outputs left the page (Dash cbmo004)', async () => {
    const { app, slow, layout } = chapters()
    const { page } = await app.load(layout)
    expect(page.value('button-output.children')).toBe('clicked null')
    const o = await app.click(page, 'btn', {
      onResult: (r) => {
        if (r.cb.name === 'switch') slow.open()
      },
    })
    expect(o.results.map((r) => [r.cb.name, r.status, r.written])).toEqual([
      ['switch', 'updated', ['chapter.children']],
      ['slow', 'dropped', []],
    ])
    expect(page.value('chapter.children')).toBe('Chapter 2')
    expect(page.has('button-output')).toBe(false)
    expect(app.calls).toEqual({ switch: 2, slow: 2 })
  })

  it('does not call a callback requested after its outputs left the page', async () => {
    const { app, slow, layout } = chapters()
    // Fed by `slow`, it is requested only when `slow` finishes, after `below` is gone.
    app.callback('follow', Output('below', 'children'), [Input('feed', 'value')], [], (v: string) => v)
    app.callback(
      'feeder',
      Output('feed', 'value'),
      [Input('btn', 'n_clicks')],
      [],
      async (n: number | null) => {
        if (n) await slow.promise
        return `fed ${n}`
      }
    )
    const { page } = await app.load(h('div', {}, [h('dcc.Input', { id: 'feed' }), layout]))
    expect(app.calls).toEqual({ switch: 1, slow: 1, feeder: 1, follow: 1 })
    const o = await app.click(page, 'btn', {
      onResult: (r) => {
        if (r.cb.name === 'switch') slow.open()
      },
    })
    expect(page.value('feed.value')).toBe('fed 1')
    expect(app.calls).toEqual({ switch: 2, slow: 2, feeder: 2, follow: 1 })
    expect(o.results.map((r) => r.cb.name).sort()).toEqual(['feeder', 'slow', 'switch'])
  })

  it('keeps a callback with some outputs left, writing only those', async () => {
    const app = new TestApp()
    const slow = gate()
    app.callback(
      'switch',
      Output('chapter', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => (n ? 'gone' : h('div', { id: 'inner' }, 'in'))
    )
    app.callback(
      'both',
      [Output('inner', 'children'), Output('outer', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      async (n: number | null) => {
        if (n) await slow.promise
        return [`inner ${n}`, `outer ${n}`]
      }
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'chapter' }), h('div', { id: 'outer' })])
    )
    const o = await app.click(page, 'btn', {
      onResult: (r) => {
        if (r.cb.name === 'switch') slow.open()
      },
    })
    expect(o.results.map((r) => [r.cb.name, r.status, r.written])).toEqual([
      ['switch', 'updated', ['chapter.children']],
      ['both', 'updated', ['outer.children']],
    ])
    expect(page.value('outer.children')).toBe('outer 1')
  })
})
