/**
 * @module run-insert.test
 * Components inserted by callbacks (R19–R21, R23) and prevent_initial_call (R25) through `runWave`:
 * Dash's test_multiple_callbacks.py, test_missing_inputs.py, test_prevent_initial.py and the seed's
 * prevent-initial-inserted example.
 */
import { describe, expect, it } from 'vitest'
import type { CallbackContext } from '../../src/core/context.ts'
import { Input, Output, State, type InputDep, type OutputDep } from '../../src/core/dependency.ts'
import { PreventUpdate } from '../../src/core/sentinels.ts'
import { h, statuses, TestApp } from './harness.ts'

describe('cbmt007: early PreventUpdate, inputs above and below', () => {
  it('fills both outputs from their inserted inputs', async () => {
    const app = new TestApp()
    app.callback('content', Output('content', 'children'), [Input('content', 'style')], [], () =>
      h('div', {}, [
        h('div', { id: 'above-in' }, 42),
        h('div', { id: 'above-dummy' }),
        h('hr'),
        h('div', { id: 'above-out' }, 0),
        h('div', { id: 'below-out' }, 0),
        h('hr'),
        h('div', { id: 'below-dummy' }),
        h('div', { id: 'below-in' }, 44),
      ])
    )
    for (const pos of ['above', 'below']) {
      app.callback(
        `${pos}_dummy`,
        Output(`${pos}-dummy`, 'children'),
        [Input(`${pos}-dummy`, 'style')],
        [],
        () => {
          throw new PreventUpdate()
        }
      )
      app.callback(
        `${pos}_out`,
        Output(`${pos}-out`, 'children'),
        [Input(`${pos}-in`, 'children')],
        [],
        (v: number) => v
      )
    }
    const { page } = await app.load(h('div', { id: 'content' }))
    expect(page.value('above-out.children')).toBe(42)
    expect(page.value('below-out.children')).toBe(44)
    expect(app.calls).toEqual({ content: 1, above_dummy: 1, above_out: 1, below_dummy: 1, below_out: 1 })
  })
})

describe('cbmt011: callbacks of generated outputs', () => {
  it('runs only the callback whose output was inserted, and forgets the replaced one', async () => {
    const app = new TestApp()
    app.callback(
      'display_content',
      Output('tab-output', 'children'),
      [Input('tabs', 'value')],
      [],
      (v: number) => h('div', {}, [h('div', { id: `tab-${v}-output` })])
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
    expect(page.value('tab-1-output.children')).toBe('Selected "a" in tab 1')
    expect(app.calls).toEqual({ display_content: 1, tab1: 1 })
    const o = await app.event(page, { 'tabs.value': 2 })
    expect(page.has('tab-1-output')).toBe(false)
    expect(page.value('tab-2-output.children')).toBe('Selected "a" in tab 2')
    expect(app.calls).toEqual({ display_content: 2, tab1: 1, tab2: 1 })
    expect(o.results.map((r) => [r.cb.name, r.inserted])).toEqual([
      ['display_content', ['tab-2-output']],
      ['tab2', []],
    ])
  })
})

describe('cbmt012: initialization with overlapping outputs', () => {
  const block = () =>
    h('div', {}, [
      ...[1, 2, 3, 4, 5].map((i) => h('div', { id: `input-${i}` }, `input-${i}`)),
      ...[1, 2, 3, 4].map((i) => h('div', { id: `output-${i}` })),
    ])
  for (const generate of [false, true]) {
    it(`runs each output callback once${generate ? ' when the block is inserted' : ''}`, async () => {
      const app = new TestApp()
      if (generate)
        app.callback('container', Output('container', 'children'), [Input('input', 'children')], [], block)
      for (const i of [1, 2, 3, 4]) {
        app.callback(
          `output-${i}`,
          Output(`output-${i}`, 'children'),
          [Input(`input-${i}`, 'children'), Input(`input-${i + 1}`, 'children')],
          [],
          (a: string, b: string) => `${a}, ${b}`
        )
      }
      const layout = generate
        ? h('div', {}, [h('div', { id: 'input' }), h('div', { id: 'container' })])
        : block()
      const { page } = await app.load(layout)
      for (const i of [1, 2, 3, 4]) {
        expect(page.value(`output-${i}.children`)).toBe(`input-${i}, input-${i + 1}`)
        expect(app.count(`output-${i}`)).toBe(1)
      }
      expect(app.count('container')).toBe(generate ? 1 : 0)
    })
  }
})

describe('R21: prevent_initial_call and inserted components (the seed example)', () => {
  it('does not fire update_output (its output came with its input), fires update_layout_div with input.value', async () => {
    const app = new TestApp()
    app.callback('display_page', Output('content', 'children'), [Input('url', 'pathname')], [], () =>
      h('div', {}, [h('dcc.Input', { id: 'input', value: 'hello world' }), h('div', { id: 'output' })])
    )
    app.callback(
      'update_output',
      Output('output', 'children'),
      [Input('input', 'value')],
      [],
      (v: string) => v,
      { preventInitialCall: true }
    )
    app.callback(
      'update_layout_div',
      Output('layout-div', 'children'),
      [Input('input', 'value')],
      [],
      (v: string) => v,
      { preventInitialCall: true }
    )
    const { page, outcome } = await app.load(
      h('div', {}, [
        h('dcc.Location', { id: 'url', pathname: '/' }),
        h('div', { id: 'layout-div' }),
        h('div', { id: 'content' }),
      ])
    )
    expect(app.calls).toEqual({ display_page: 1, update_layout_div: 1 })
    expect(app.triggered('update_layout_div')).toEqual([['input.value']])
    expect(app.contexts['update_layout_div']![0]!.isInitialCall).toBe(false)
    expect(page.value('layout-div.children')).toBe('hello world')
    expect(page.value('output.children')).toBe(null)
    expect(outcome.results.map((r) => [r.cb.name, r.initial, r.changed])).toEqual([
      ['display_page', true, []],
      ['update_layout_div', false, ['input.value']],
    ])
    // Later edits reach both, as for any Input.
    await app.event(page, { 'input.value': 'hi' })
    expect([page.value('output.children'), page.value('layout-div.children')]).toEqual(['hi', 'hi'])
  })

  it('R20b without PIC: the inserted input triggers the outer callback, the inner one gets an initial call', async () => {
    const app = new TestApp()
    app.callback(
      'insert',
      Output('container', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) =>
        n
          ? [h('dcc.Input', { id: 'input-2', value: 'v2' }), h('div', { id: 'output-inner' })]
          : 'No content initially'
    )
    const report = (name: string) => (_v: unknown, c: CallbackContext) =>
      `${name}: ${c.isInitialCall ? 'initial' : c.triggered.map((t) => t.prop_id).join(',')}`
    app.callback(
      'inner',
      Output('output-inner', 'children'),
      [Input('input-2', 'value')],
      [],
      report('inner')
    )
    app.callback(
      'outer',
      Output('output-outer', 'children'),
      [Input('input-2', 'value')],
      [],
      report('outer')
    )
    const { page } = await app.load(
      h('div', {}, [
        h('button', { id: 'btn' }),
        h('div', { id: 'container' }),
        h('div', { id: 'output-outer' }),
      ])
    )
    expect(app.calls).toEqual({ insert: 1 })
    expect(page.value('output-outer.children')).toBe(null)
    await app.click(page, 'btn')
    expect(page.value('output-inner.children')).toBe('inner: initial')
    expect(page.value('output-outer.children')).toBe('outer: input-2.value')
    expect(app.calls).toEqual({ insert: 2, inner: 1, outer: 1 })
  })

  it('R23: a no-output callback does not fire when its input is inserted, but does when it changes', async () => {
    const app = new TestApp()
    app.callback(
      'insert',
      Output('container', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => (n ? h('dcc.Input', { id: 'late', value: 'v' }) : null)
    )
    app.callback('watch', [], [Input('late', 'value')], [], () => undefined)
    const { page } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'container' })]))
    await app.click(page, 'btn')
    expect(page.has('late')).toBe(true)
    expect(app.count('watch')).toBe(0)
    await app.event(page, { 'late.value': 'w' })
    expect(app.count('watch')).toBe(1)
  })
})

describe('cbmi001 / cbmi002 / cbmi004: inputs that arrive later', () => {
  const layout = (...extra: ReturnType<typeof h>[]) =>
    h('div', {}, [h('button', { id: 'btn' }, 'click'), h('div', { id: 'content' }), ...extra])

  it('cbmi001: out3 alone fires on load; after the insertion every callback fires', async () => {
    const app = new TestApp()
    app.callback(
      'content',
      Output('content', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) =>
        n
          ? [h('div', { id: 'a' }, 'A'), h('div', { id: 'b' }, 'B'), h('div', { id: 'c' }, 'C')]
          : 'content init'
    )
    app.callback(
      'out1',
      Output('out1', 'children'),
      [Input('a', 'children'), Input('b', 'children')],
      [State('c', 'children'), State('title', 'children')],
      (a: string, b: string, c: string, title: string) => {
        if (c !== 'C' || title !== 'Title') throw new Error(`bad state ${c} ${title}`)
        return a + b
      }
    )
    app.callback(
      'out2',
      Output('out2', 'children'),
      [Input('out1', 'children')],
      [State('title', 'children')],
      (o: string, t: string) => `${o} - 2 - ${t}`
    )
    app.callback(
      'out3',
      Output('out3', 'children'),
      [Input('out1', 'children'), Input('title', 'children')],
      [],
      (o: string, t: string) => `${o} - 3 - ${t}`
    )
    const { page } = await app.load(
      layout(
        h('div', { id: 'title' }, 'Title'),
        ...[1, 2, 3].map((i) => h('div', { id: `out${i}` }, `output${i} init`))
      )
    )
    expect(app.calls).toEqual({ content: 1, out3: 1 })
    expect(page.value('out3.children')).toBe('output1 init - 3 - Title')
    expect([page.value('out1.children'), page.value('out2.children')]).toEqual([
      'output1 init',
      'output2 init',
    ])
    const o = await app.click(page, 'btn')
    expect(statuses(o).map(([, s]) => s)).toEqual(['updated', 'updated', 'updated', 'updated'])
    expect(['out1', 'out2', 'out3'].map((id) => page.value(`${id}.children`))).toEqual([
      'AB',
      'AB - 2 - Title',
      'AB - 3 - Title',
    ])
    expect(app.triggered('out1')).toEqual([['a.children', 'b.children']])
  })

  it('cbmi002: nothing fires on load; after inserting a and b: A, B, AB', async () => {
    const app = new TestApp()
    app.callback(
      'content',
      Output('content', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => (n ? [h('div', { id: 'a' }, 'A'), h('div', { id: 'b' }, 'B')] : 'content init')
    )
    app.callback('out1', Output('out1', 'children'), [Input('a', 'children')], [], (a: string) => a)
    app.callback('out2', Output('out2', 'children'), [Input('b', 'children')], [], (b: string) => b)
    app.callback(
      'out3',
      Output('out3', 'children'),
      [Input('out1', 'children'), Input('out2', 'children')],
      [],
      (x: string, y: string) => x + y
    )
    const { page } = await app.load(
      layout(...[1, 2, 3].map((i) => h('div', { id: `out${i}` }, `output${i} init`)))
    )
    expect(app.calls).toEqual({ content: 1 })
    await app.click(page, 'btn')
    expect(['out1', 'out2', 'out3'].map((id) => page.value(`${id}.children`))).toEqual(['A', 'B', 'AB'])
    expect(app.calls).toEqual({ content: 2, out1: 1, out2: 1, out3: 1 })
  })

  it('cbmi004: a callback with a missing output fires once its input arrives, writing both outputs', async () => {
    const app = new TestApp()
    app.callback(
      'content',
      Output('content', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => (n ? [h('div', { id: 'a' }, 'A'), h('div', { id: 'b' }, 'B')] : 'content init')
    )
    app.callback(
      'out1',
      [Output('out1', 'children'), Output('b', 'children')],
      [Input('a', 'children')],
      [],
      (a: string) => [a, a]
    )
    const { page } = await app.load(layout(h('div', { id: 'out1' }, 'output1 init')))
    expect(page.value('out1.children')).toBe('output1 init')
    expect(app.calls).toEqual({ content: 1 })
    await app.click(page, 'btn')
    expect([page.value('out1.children'), page.value('b.children')]).toEqual(['A', 'A'])
  })
})

// ─── prevent_initial_call (test_prevent_initial.py) ─────────────────────────────────────────────

interface Flavor {
  content: boolean
  global: boolean
}
const flavors: Flavor[] = [
  { content: false, global: false },
  { content: true, global: false },
  { content: false, global: true },
  { content: true, global: true },
]

/** Dash's helpers: an explicit per-callback PIC only when it differs from the app default. */
function pic(flavor: Flavor, wanted: boolean) {
  return wanted !== flavor.global ? { preventInitialCall: wanted } : {}
}

function withContent(app: TestApp, flavor: Flavor, layout: ReturnType<typeof h>) {
  if (!flavor.content) return layout
  app.callback(
    'set_content',
    Output('content', 'children'),
    [Input('content', 'style')],
    [],
    () => layout,
    flavor.global ? { preventInitialCall: false } : {}
  )
  return h('div', { id: 'content' })
}

function concat(
  app: TestApp,
  flavor: Flavor,
  name: string,
  outputs: OutputDep | OutputDep[],
  inputs: InputDep[],
  prevent = false
) {
  const n = Array.isArray(outputs) ? outputs.length : 0
  app.callback(
    name,
    outputs,
    inputs,
    [],
    (...args: unknown[]) => {
      const out = args.slice(0, inputs.length).map(String).join('')
      return Array.isArray(outputs) ? Array.from({ length: n }, () => out) : out
    },
    pic(flavor, prevent)
  )
}

const label = (f: Flavor) => `${f.content ? 'inserted' : 'in the layout'}, app default ${f.global}`

describe('cbpi001: prevent_initial_call', () => {
  it.each(flavors.map((f) => [label(f), f] as const))('%s', async (_, flavor) => {
    const app = new TestApp({ preventInitialCallbacks: flavor.global })
    const letters = ['a', 'b', 'c', 'd', 'e', 'f']
    const layout = withContent(
      app,
      flavor,
      h('div', {}, [
        h('button', { id: 'btn' }, 'click'),
        ...letters.map((l) => h('div', { id: l }, l.toUpperCase())),
      ])
    )
    app.callback(
      'A',
      Output('a', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      () => 'Click',
      pic(flavor, true)
    )
    concat(app, flavor, 'B', Output('b', 'children'), [Input('a', 'children')])
    concat(app, flavor, 'C', Output('c', 'children'), [Input('a', 'children')], true)
    app.callback('D', Output('d', 'children'), [Input('d', 'style')], [], () => {
      throw new PreventUpdate()
    })
    concat(app, flavor, 'E', Output('e', 'children'), [Input('a', 'children'), Input('d', 'children')])
    concat(
      app,
      flavor,
      'F',
      Output('f', 'children'),
      [Input('a', 'children'), Input('b', 'children'), Input('d', 'children')],
      true
    )
    const { page } = await app.load(layout)
    const text = () => letters.map((l) => page.value(`${l}.children`))
    expect(text()).toEqual(['A', 'A', 'C', 'D', 'AD', 'AAD'])
    expect([app.count('A'), app.count('B'), app.count('C'), app.count('E'), app.count('F')]).toEqual([
      0, 1, 0, 1, 1,
    ])
    await app.click(page, 'btn')
    expect(text()).toEqual(['Click', 'Click', 'Click', 'D', 'ClickD', 'ClickClickD'])
    expect([app.count('A'), app.count('B'), app.count('C'), app.count('E'), app.count('F')]).toEqual([
      1, 2, 1, 2, 2,
    ])
  })
})

describe('cbpi003: prevent_initial_call with multi outputs', () => {
  it.each(flavors.map((f) => [label(f), f] as const))('%s', async (_, flavor) => {
    const app = new TestApp({ preventInitialCallbacks: flavor.global })
    const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const layout = withContent(
      app,
      flavor,
      h('div', {}, [
        h('button', { id: 'btn' }, 'click'),
        ...letters.map((l) => h('div', { id: l }, l.toUpperCase())),
      ])
    )
    app.callback(
      'AB',
      [Output('a', 'children'), Output('b', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      () => ['Blue', 'Cheese'],
      pic(flavor, true)
    )
    concat(
      app,
      flavor,
      'CD',
      [Output('c', 'children'), Output('d', 'children')],
      [Input('a', 'children'), Input('b', 'children')],
      true
    )
    concat(
      app,
      flavor,
      'EF',
      [Output('e', 'children'), Output('f', 'children')],
      [Input('a', 'children')],
      true
    )
    concat(app, flavor, 'G', Output('g', 'children'), [Input('f', 'children')])
    const { page } = await app.load(layout)
    const text = () => letters.map((l) => page.value(`${l}.children`))
    expect(text()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'F'])
    expect(app.count('G')).toBe(1)
    await app.click(page, 'btn')
    expect(text()).toEqual(['Blue', 'Cheese', 'BlueCheese', 'BlueCheese', 'Blue', 'Blue', 'Blue'])
    expect([app.count('AB'), app.count('CD'), app.count('EF'), app.count('G')]).toEqual([1, 1, 1, 2])
  })
})

describe('cbpi004: preventInitialCall: true', () => {
  it('leaves the output unset on load and answers the first click', async () => {
    const app = new TestApp()
    app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], (n: number) => n, {
      preventInitialCall: true,
    })
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }, 'click'), h('div', { id: 'out' })])
    )
    expect(outcome.results).toEqual([])
    expect(page.value('out.children')).toBe(null)
    await app.click(page, 'btn')
    expect(page.value('out.children')).toBe(1)
  })
})

describe('R25: a per-callback false overrides the app default true', () => {
  it('runs only the callback that opted back in', async () => {
    const app = new TestApp({ preventInitialCallbacks: true })
    app.callback('inherits', Output('a', 'children'), [Input('x', 'value')], [], (v: string) => v)
    app.callback('opts_in', Output('b', 'children'), [Input('x', 'value')], [], (v: string) => v, {
      preventInitialCall: false,
    })
    const { page } = await app.load(
      h('div', {}, [h('dcc.Input', { id: 'x', value: 'v' }), h('div', { id: 'a' }), h('div', { id: 'b' })])
    )
    expect(app.calls).toEqual({ opts_in: 1 })
    expect([page.value('a.children'), page.value('b.children')]).toEqual([null, 'v'])
  })
})
