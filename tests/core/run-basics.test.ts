/**
 * @module run-basics.test
 * Dash's basic callback scenarios (test_basic_callback.py, §3.1) through `runWave`: exact call
 * counts and final prop values.
 */
import { describe, expect, it } from 'vitest'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { PreventUpdate, noUpdate } from '../../src/core/sentinels.ts'
import type { CallbackContext } from '../../src/core/context.ts'
import { h, statuses, TestApp } from './harness.ts'

describe('cbsc001: simple callback', () => {
  it('runs once on load, then once per key: 2 + 11 calls, ending with the typed text', async () => {
    const app = new TestApp()
    app.callback(
      'update_output',
      Output('output-1', 'children'),
      [Input('input', 'value')],
      [],
      (v: string) => v
    )
    const layout = h('div', {}, [
      h('dcc.Input', { id: 'input', value: 'initial value' }),
      h('div', {}, h('div', {}, [1.5, null, 'string', h('div', { id: 'output-1' })])),
    ])
    const { page, outcome } = await app.load(layout)
    expect(page.value('output-1.children')).toBe('initial value')
    expect(outcome.results.map((r) => [r.cb.name, r.status, r.initial, r.written])).toEqual([
      ['update_output', 'updated', true, ['output-1.children']],
    ])
    await app.event(page, { 'input.value': '' })
    expect(page.value('output-1.children')).toBe('')
    await app.type(page, 'input', 'hello world')
    expect(page.value('output-1.children')).toBe('hello world')
    expect(app.count('update_output')).toBe(2 + 11)
  })
})

describe('cbsc002: callbacks generating children', () => {
  it('runs the inserted callback once on insertion, then on each key typed into the inserted input', async () => {
    const app = new TestApp()
    app.callback('pad_output', Output('output', 'children'), [Input('input', 'value')], [], () =>
      h('div', {}, [
        h('dcc.Input', { id: 'sub-input-1', value: 'sub input initial value' }),
        h('div', { id: 'sub-output-1' }),
      ])
    )
    app.callback(
      'update_input',
      Output('sub-output-1', 'children'),
      [Input('sub-input-1', 'value')],
      [],
      (v: string) => v
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('dcc.Input', { id: 'input', value: 'initial value' }), h('div', { id: 'output' })])
    )
    expect(page.value('sub-output-1.children')).toBe('sub input initial value')
    expect(app.count('update_input')).toBe(1)
    expect(outcome.results.map((r) => [r.cb.name, r.initial, r.inserted])).toEqual([
      ['pad_output', true, ['sub-input-1', 'sub-output-1']],
      ['update_input', true, []],
    ])
    expect(page.get('sub-input-1')!.parent).toBe('output')
    await app.type(page, 'sub-input-1', 'deadbeef')
    expect(page.value('sub-output-1.children')).toBe('sub input initial valuedeadbeef')
    expect(app.count('update_input')).toBe(1 + 8)
    expect(app.count('pad_output')).toBe(1)
  })
})

describe('cbsc005: children types', () => {
  const outputs: [unknown, unknown][] = [
    [null, null],
    ['a string', 'a string'],
    [123, 123],
    [123.45, 123.45],
    [
      [6, 7, 8],
      [6, 7, 8],
    ],
    [
      ['a', 'list', 'of', 'strings'],
      ['a', 'list', 'of', 'strings'],
    ],
    [
      ['strings', 2, 'numbers'],
      ['strings', 2, 'numbers'],
    ],
  ]
  it('keeps "init" on load (noUpdate), then writes each value as returned', async () => {
    const app = new TestApp()
    app.callback(
      'set_children',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => (n === null || n > outputs.length ? noUpdate : outputs[n - 1]![0])
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' }, 'init')])
    )
    expect(statuses(outcome)).toEqual([['set_children', 'noUpdate']])
    expect(outcome.results[0]!.written).toEqual([])
    expect(page.value('out.children')).toBe('init')
    for (const [, expected] of outputs) {
      const o = await app.click(page, 'btn')
      expect(page.value('out.children')).toEqual(expected)
      expect(o.results[0]!.written).toEqual(['out.children'])
    }
  })
})

describe('cbsc006: array of objects', () => {
  it('chains options → count: 0 after load, then 1, 2, 3', async () => {
    const app = new TestApp()
    app.callback('set_options', Output('dd', 'options'), [Input('btn', 'n_clicks')], [], (n: number | null) =>
      Array.from({ length: n ?? 0 }, (_, i) => ({ label: `opt${i}`, value: i }))
    )
    app.callback(
      'set_out',
      Output('out', 'children'),
      [Input('dd', 'options')],
      [],
      (opts: unknown[]) => opts.length
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('dcc.Dropdown', { id: 'dd' }), h('div', { id: 'out' })])
    )
    expect(page.value('out.children')).toBe(0)
    expect([app.count('set_options'), app.count('set_out')]).toEqual([1, 1])
    for (const n of [1, 2, 3]) {
      await app.click(page, 'btn')
      expect(page.value('out.children')).toBe(n)
      expect(page.value('dd.options')).toHaveLength(n)
    }
    expect([app.count('set_options'), app.count('set_out')]).toEqual([4, 4])
  })
})

describe('cbsc008: callbacks on any prop name', () => {
  it('writes data-cb, and the callback reading data-cb copies it into children', async () => {
    const app = new TestApp()
    app.callback(
      'update_data',
      Output('output-1', 'data-cb'),
      [Input('input', 'value')],
      [],
      (v: string) => v
    )
    app.callback(
      'update_text',
      Output('output-1', 'children'),
      [Input('output-1', 'data-cb')],
      [],
      (v: string) => v
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'input', value: 'initial value' }),
        h('div', { id: 'output-1', 'data-cb': 'initial value' }),
      ])
    )
    expect(page.value('output-1.children')).toBe('initial value')
    await app.event(page, { 'input.value': '' })
    await app.type(page, 'input', 'hello world')
    expect(page.value('output-1.children')).toBe('hello world')
    expect(page.value('output-1.data-cb')).toBe('hello world')
    expect(app.count('update_data')).toBe(2 + 11)
    expect(app.count('update_text')).toBe(2 + 11)
  })
})

describe('cbsc010: event properties', () => {
  it('prevents on load (output untouched, nothing counted), then answers a click', async () => {
    const app = new TestApp()
    let counted = 0
    app.callback(
      'update_output',
      Output('output', 'children'),
      [Input('button', 'n_clicks')],
      [],
      (n: number | null) => {
        if (!n) throw new PreventUpdate()
        counted++
        return 'Click'
      }
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'button' }, 'Click Me'), h('div', { id: 'output' })])
    )
    expect(statuses(outcome)).toEqual([['update_output', 'prevented']])
    expect(page.value('output.children')).toBe(null)
    expect(counted).toBe(0)
    await app.click(page, 'button')
    expect(page.value('output.children')).toBe('Click')
    expect(counted).toBe(1)
  })
})

describe('cbsc011: one call for many inputs on load', () => {
  it('calls once with all ten values', async () => {
    const app = new TestApp()
    const ids = Array.from({ length: 10 }, (_, i) => `input-${i}`)
    app.callback(
      'dynamic_output',
      Output('container', 'children'),
      ids.map((id) => Input(id, 'value')),
      [],
      (...args: unknown[]) => JSON.stringify(args.slice(0, 10))
    )
    const { page } = await app.load(
      h('div', {}, [
        h(
          'div',
          {},
          ids.map((id, i) => h('dcc.Input', { id, value: `Input ${i}` }))
        ),
        h('div', { id: 'container' }),
      ])
    )
    expect(app.count('dynamic_output')).toBe(1)
    expect(page.value('container.children')).toBe(JSON.stringify(ids.map((_, i) => `Input ${i}`)))
  })
})

describe('cbsc012: one call for many inserted inputs', () => {
  it('calls the inserted callback once when its ten inputs and its output arrive together', async () => {
    const app = new TestApp()
    const ids = Array.from({ length: 10 }, (_, i) => `input-${i}`)
    app.callback(
      'display_output',
      Output('container', 'children'),
      [Input('display-content', 'n_clicks')],
      [],
      (n: number | null) =>
        !n
          ? ''
          : h('div', {}, [
              h(
                'div',
                {},
                ids.map((id, i) => h('dcc.Input', { id, value: `Input ${i}` }))
              ),
              h('div', { id: 'dynamic-output' }),
            ])
    )
    app.callback(
      'dynamic_output',
      Output('dynamic-output', 'children'),
      ids.map((id) => Input(id, 'value')),
      [],
      (...args: unknown[]) => JSON.stringify(args.slice(0, 10))
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'display-content' }), h('div', { id: 'container' })])
    )
    expect(app.count('dynamic_output')).toBe(0)
    const o = await app.click(page, 'display-content')
    expect(app.count('dynamic_output')).toBe(1)
    expect(app.contexts['dynamic_output']![0]!.isInitialCall).toBe(true)
    expect(page.value('dynamic-output.children')).toBe(JSON.stringify(ids.map((_, i) => `Input ${i}`)))
    expect(statuses(o)).toEqual([
      ['display_output', 'updated'],
      ['dynamic_output', 'updated'],
    ])
  })
})

describe('cbsc014: several props of one component change together', () => {
  it('makes one call per click, listing both props in ctx.triggered', async () => {
    const app = new TestApp()
    app.callback(
      'update_output',
      Output('container', 'children'),
      [
        Input('button-1', 'n_clicks'),
        Input('button-1', 'n_clicks_timestamp'),
        Input('button-2', 'n_clicks'),
        Input('button-2', 'n_clicks_timestamp'),
      ],
      [],
      (n1: number, _t1: number, n2: number) => `${n1}, ${n2}`
    )
    const button = (id: string) => h('button', { id, n_clicks: 0, n_clicks_timestamp: -1 })
    const { page } = await app.load(
      h('div', {}, [h('div', { id: 'container' }), button('button-1'), button('button-2')])
    )
    expect(page.value('container.children')).toBe('0, 0')
    expect(app.count('update_output')).toBe(1)
    const steps: [string, number, string][] = [
      ['button-1', 1000, '1, 0'],
      ['button-2', 2000, '1, 1'],
      ['button-2', 3000, '1, 2'],
    ]
    for (const [id, t, text] of steps) {
      const n = page.value(`${id}.n_clicks`) as number
      await app.event(page, { [`${id}.n_clicks`]: n + 1, [`${id}.n_clicks_timestamp`]: t })
      expect(page.value('container.children')).toBe(text)
      expect(app.triggered('update_output').at(-1)).toEqual([`${id}.n_clicks`, `${id}.n_clicks_timestamp`])
    }
    expect(app.count('update_output')).toBe(4)
  })
})

describe('cbsc015: a callback writing its own input (R36)', () => {
  it('does not re-run itself, and its follower runs exactly twice (initial + one change)', async () => {
    const app = new TestApp()
    app.callback(
      'circular_output',
      Output('input', 'value'),
      [Input('input', 'value')],
      [],
      (v: number, c: CallbackContext) => (c.isInitialCall ? v : v + 1)
    )
    app.callback(
      'follower_output',
      Output('input-text', 'children'),
      [Input('input', 'value')],
      [],
      (v: number) => String(v)
    )
    const { page } = await app.load(
      h('div', {}, [
        h('div', { id: 'input-text' }, '0'),
        h('dcc.Input', { id: 'input', type: 'number', value: 0 }),
      ])
    )
    expect(app.triggered('follower_output')).toEqual([['input.value']])
    const o = await app.event(page, { 'input.value': 2 })
    expect(page.value('input.value')).toBe(3)
    expect(page.value('input-text.children')).toBe('3')
    expect(app.count('follower_output')).toBe(2)
    expect(app.count('circular_output')).toBe(2)
    expect(app.triggered('circular_output')).toEqual([['.'], ['input.value']])
    expect(o.results.map((r) => r.cb.name)).toEqual(['circular_output', 'follower_output'])
  })
})

describe('cbsc022 / cbsc023 / cbsc024 / cbsc025: callbacks without outputs or inputs (R7)', () => {
  it('cbsc022: a no-output callback fires on load and on each click', async () => {
    const app = new TestApp()
    app.callback('no_output_callback', [], [Input('btn', 'n_clicks')], [], () => undefined)
    app.callback(
      'with_output_callback',
      Output('output', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number) => `Clicks: ${n}`
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn', n_clicks: 0 }), h('div', { id: 'output' })])
    )
    expect(page.value('output.children')).toBe('Clicks: 0')
    expect(app.count('no_output_callback')).toBe(1)
    expect(outcome.results.find((r) => r.cb.name === 'no_output_callback')!.status).toBe('noUpdate')
    await app.click(page, 'btn')
    expect(page.value('output.children')).toBe('Clicks: 1')
    expect(app.count('no_output_callback')).toBe(2)
  })

  it('cbsc023: a State-only callback fires on load with the State value', async () => {
    const app = new TestApp()
    app.callback(
      'no_input_callback',
      Output('output', 'children'),
      [],
      [State('store', 'data')],
      (d: string) => `Data: ${d}`
    )
    const { page } = await app.load(
      h('div', {}, [h('dcc.Store', { id: 'store', data: 'initial' }), h('div', { id: 'output' })])
    )
    expect(page.value('output.children')).toBe('Data: initial')
    expect(app.count('no_input_callback')).toBe(1)
  })

  it('cbsc024 / cbsc025: each no-input no-output callback fires exactly once on load', async () => {
    const app = new TestApp()
    for (const name of ['first_callback', 'second_callback', 'third_callback'])
      app.callback(name, [], [], [], () => null)
    const { outcome } = await app.load(h('div', {}, h('div', { id: 'output' }, 'Waiting...')))
    expect(app.calls).toEqual({ first_callback: 1, second_callback: 1, third_callback: 1 })
    expect(outcome.results.map((r) => r.status)).toEqual(['noUpdate', 'noUpdate', 'noUpdate'])
  })
})
