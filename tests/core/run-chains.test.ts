/**
 * @module run-chains.test
 * Chains, diamonds and convergence (test_multiple_callbacks.py, test_prevent_update.py,
 * test_missing_outputs.py): R12–R14, R17, R28 through `runWave`, with exact counts and values.
 */
import { describe, expect, it } from 'vitest'
import type { CallbackContext } from '../../src/core/context.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { noUpdate, PreventUpdate } from '../../src/core/sentinels.ts'
import { gate, h, statuses, TestApp } from './harness.ts'

describe('cbmt002: diamond with a cancelled branch', () => {
  it('runs the bottom once per event, after both branches, with the prevented one left as it was', async () => {
    const app = new TestApp()
    app.callback(
      'set_out',
      Output('out', 'children'),
      [Input('a', 'value'), Input('b', 'children'), Input('c', 'children')],
      [],
      (a: string, b: string, c: string) => `${a}/${b}/${c}`
    )
    app.callback('set_b', Output('b', 'children'), [Input('a', 'value')], [], () => {
      throw new PreventUpdate()
    })
    app.callback('set_c', Output('c', 'children'), [Input('a', 'value')], [], (a: string) => a)
    const { page, outcome } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'a', value: 'x' }),
        h('div', { id: 'b' }, 'b'),
        h('div', { id: 'c' }, 'c'),
        h('div', { id: 'out' }),
      ])
    )
    expect(page.value('out.children')).toBe('x/b/x')
    expect(statuses(outcome)).toEqual([
      ['set_b', 'prevented'],
      ['set_c', 'updated'],
      ['set_out', 'updated'],
    ])
    expect(app.triggered('set_out')).toEqual([['c.children']])
    let chars = 'x'
    for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]) {
      chars += i
      await app.event(page, { 'a.value': chars })
      expect(page.value('out.children')).toBe(`${chars}/b/${chars}`)
    }
    expect(app.count('set_out')).toBe(1 + 12)
    expect(app.triggered('set_out').at(-1)).toEqual(['a.value', 'c.children'])
  })
})

describe('cbmt004: chain with sliders', () => {
  for (const multi of [false, true]) {
    it(`${multi ? 'one multi-output' : 'two single-output'} slider callback(s): labels stay unset on load, then follow clicks`, async () => {
      const app = new TestApp()
      const slider = (n: number | null) => {
        if (!n) throw new PreventUpdate()
        return n
      }
      if (multi) {
        app.callback(
          'update_slider_vals',
          [Output('slider1', 'value'), Output('slider2', 'value')],
          [Input('button', 'n_clicks')],
          [],
          (n: number | null) => [slider(n), n]
        )
      } else {
        app.callback(
          'update_slider1_val',
          Output('slider1', 'value'),
          [Input('button', 'n_clicks')],
          [],
          slider
        )
        app.callback(
          'update_slider2_val',
          Output('slider2', 'value'),
          [Input('button', 'n_clicks')],
          [],
          slider
        )
      }
      app.callback(
        'update_slider1_label',
        Output('label1', 'children'),
        [Input('slider1', 'value')],
        [],
        (v: number) => `Slider1 value ${v}`
      )
      app.callback(
        'update_slider2_label',
        Output('label2', 'children'),
        [Input('slider2', 'value')],
        [],
        (v: number) => `Slider2 value ${v}`
      )
      const { page, outcome } = await app.load(
        h('div', {}, [
          h('button', { id: 'button' }, 'Button'),
          h('div', {}, [
            h('label', { id: 'label1' }),
            h('dcc.Slider', { id: 'slider1', min: 0, max: 10, value: 0 }),
          ]),
          h('div', {}, [
            h('label', { id: 'label2' }),
            h('dcc.Slider', { id: 'slider2', min: 0, max: 10, value: 0 }),
          ]),
        ])
      )
      // R17: the labels' only inputs belong to the load group, which wrote nothing: they are pruned.
      expect(page.value('label1.children')).toBe(null)
      expect(page.value('label2.children')).toBe(null)
      expect(app.count('update_slider1_label')).toBe(0)
      expect(app.count('update_slider2_label')).toBe(0)
      expect(outcome.results.every((r) => r.status === 'prevented')).toBe(true)
      for (const n of [1, 2]) {
        await app.click(page, 'button')
        expect(page.value('label1.children')).toBe(`Slider1 value ${n}`)
        expect(page.value('label2.children')).toBe(`Slider2 value ${n}`)
      }
      expect(app.count('update_slider1_label')).toBe(2)
      expect(app.count('update_slider2_label')).toBe(2)
    })
  }
})

describe('cbmt005: converging multi-output chain', () => {
  it('stays unset on load, then tells the buttons apart with ctx.triggered', async () => {
    const app = new TestApp()
    app.callback(
      'update_sliders',
      [Output('slider1', 'value'), Output('slider2', 'value')],
      [Input('b1', 'n_clicks'), Input('b2', 'n_clicks')],
      [],
      (_1: unknown, _2: unknown, c: CallbackContext) => {
        if (c.isInitialCall) throw new PreventUpdate()
        return c.triggered[0]!.prop_id === 'b1.n_clicks' ? [-1, -1] : [1, 1]
      }
    )
    app.callback(
      'update_graph',
      Output('out', 'children'),
      [Input('slider1', 'value'), Input('slider2', 'value')],
      [],
      (s1: number, s2: number) => `x=${s1}, y=${s2}`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('button', { id: 'b1' }),
        h('button', { id: 'b2' }),
        h('dcc.Slider', { id: 'slider1' }),
        h('dcc.Slider', { id: 'slider2' }),
        h('div', { id: 'out' }),
      ])
    )
    expect(page.value('out.children')).toBe(null)
    expect(app.count('update_graph')).toBe(0)
    await app.click(page, 'b1')
    expect(page.value('out.children')).toBe('x=-1, y=-1')
    await app.click(page, 'b2')
    expect(page.value('out.children')).toBe('x=1, y=1')
    expect(app.count('update_graph')).toBe(2)
    expect(app.triggered('update_graph').at(-1)).toEqual(['slider1.value', 'slider2.value'])
  })
})

describe('cbmt008: direct chain', () => {
  it('runs each callback once per event, the bottom one after the middle one', async () => {
    const app = new TestApp()
    app.callback(
      'update_input',
      Output('input-2', 'value'),
      [Input('input-1', 'value')],
      [],
      (v: string) => `<<${v}>>`
    )
    app.callback(
      'update_output',
      Output('output', 'children'),
      [Input('input-1', 'value'), Input('input-2', 'value')],
      [],
      (a: string, b: string) => `${a} + ${b}`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'input-1', value: 'input 1' }),
        h('dcc.Input', { id: 'input-2' }),
        h('div', { id: 'output' }, 'test'),
      ])
    )
    expect(page.value('output.children')).toBe('input 1 + <<input 1>>')
    expect(app.calls).toEqual({ update_input: 1, update_output: 1 })
    await app.event(page, { 'input-1.value': 'input 1x' })
    expect(page.value('output.children')).toBe('input 1x + <<input 1x>>')
    expect(app.calls).toEqual({ update_input: 2, update_output: 2 })
    await app.event(page, { 'input-2.value': '<<input 1x>>y' })
    expect(page.value('output.children')).toBe('input 1x + <<input 1x>>y')
    expect(page.value('input-1.value')).toBe('input 1x')
    expect(app.calls).toEqual({ update_input: 2, update_output: 3 })
  })
})

describe('cbmt009: branched chain with slow parents', () => {
  it('runs every callback once on load, whichever parent finishes first', async () => {
    const app = new TestApp()
    const slowB = gate()
    app.callback(
      'update_parenta',
      Output('parent-a', 'value'),
      [Input('grandparent', 'value')],
      [],
      (v: string) => `a: ${v}`
    )
    app.callback(
      'update_parentb',
      Output('parent-b', 'value'),
      [Input('grandparent', 'value')],
      [],
      async (v: string) => {
        await slowB.promise
        return `b: ${v}`
      }
    )
    app.callback(
      'update_childa',
      Output('child-a', 'children'),
      [Input('parent-a', 'value'), Input('parent-b', 'value')],
      [],
      (a: string, b: string) => `${a} + ${b}`
    )
    app.callback(
      'update_childb',
      Output('child-b', 'children'),
      [Input('parent-a', 'value'), Input('parent-b', 'value'), Input('grandparent', 'value')],
      [],
      (a: string, b: string, g: string) => `${a} + ${b} + ${g}`
    )
    const loading = app.load(
      h(
        'div',
        {},
        ['grandparent', 'parent-a', 'parent-b']
          .map((id) => h('dcc.Input', { id, value: id === 'grandparent' ? 'input 1' : undefined }))
          .concat([h('div', { id: 'child-a' }), h('div', { id: 'child-b' })])
      )
    )
    // parent-a finishes while parent-b still waits: neither child may run yet (R14).
    await new Promise((r) => setImmediate(r))
    expect(app.log).toEqual(['update_parenta', 'update_parentb'])
    slowB.open()
    const { page } = await loading
    expect(page.value('child-a.children')).toBe('a: input 1 + b: input 1')
    expect(page.value('child-b.children')).toBe('a: input 1 + b: input 1 + input 1')
    expect(app.calls).toEqual({ update_parenta: 1, update_parentb: 1, update_childa: 1, update_childb: 1 })
  })
})

describe('cbmt010: shared grandparent', () => {
  it('shows "bb" with each options callback called once', async () => {
    const app = new TestApp()
    const options = [{ value: 'a', label: 'a' }]
    app.callback(
      'dropdown_1',
      Output('dropdown-1', 'options'),
      [Input('dropdown-1', 'value'), Input('session-id', 'children')],
      [],
      () => options
    )
    app.callback(
      'dropdown_2',
      Output('dropdown-2', 'options'),
      [Input('dropdown-2', 'value'), Input('session-id', 'children')],
      [],
      () => options
    )
    app.callback(
      'set_output',
      Output('output', 'children'),
      [Input('dropdown-1', 'value'), Input('dropdown-2', 'value')],
      [],
      (v1: string | null, v2: string | null) => (v1 || 'b') + (v2 || 'b')
    )
    const { page } = await app.load(
      h('div', {}, [
        h('div', { id: 'session-id' }, 'id'),
        h('dcc.Dropdown', { id: 'dropdown-1' }),
        h('dcc.Dropdown', { id: 'dropdown-2' }),
        h('div', { id: 'output' }),
      ])
    )
    expect(page.value('output.children')).toBe('bb')
    expect(app.calls).toEqual({ dropdown_1: 1, dropdown_2: 1, set_output: 1 })
  })
})

describe('cbmt013: a chained callback is blocked until its inputs are in sync', () => {
  const allOptions: Record<string, string[]> = {
    America: ['New York City', 'San Francisco', 'Cincinnati'],
    Canada: ['Montreal', 'Toronto', 'Ottawa'],
  }
  it('never sees a city of the other country, and runs each callback once per event', async () => {
    const app = new TestApp()
    app.callback(
      'set_cities_options',
      Output('cities-radio', 'options'),
      [Input('countries-radio', 'value')],
      [],
      (c: string) => allOptions[c]!.map((v) => ({ label: v, value: v }))
    )
    app.callback(
      'set_cities_value',
      Output('cities-radio', 'value'),
      [Input('cities-radio', 'options')],
      [],
      (o: { value: string }[]) => o[0]!.value
    )
    app.callback(
      'set_display_children',
      Output('display-selected-values', 'children'),
      [Input('countries-radio', 'value'), Input('cities-radio', 'value')],
      [],
      (country: string, city: string) => {
        if (!allOptions[country]!.includes(city)) throw new Error(`out of sync: ${city} / ${country}`)
        return `${city} is a city in ${country}`
      }
    )
    const { page, outcome } = await app.load(
      h('div', {}, [
        h('dcc.RadioItems', { id: 'countries-radio', value: 'America' }),
        h('dcc.RadioItems', { id: 'cities-radio' }),
        h('div', { id: 'display-selected-values' }),
      ])
    )
    expect(outcome.results.map((r) => r.status)).toEqual(['updated', 'updated', 'updated'])
    expect(page.value('display-selected-values.children')).toBe('New York City is a city in America')
    expect(app.calls).toEqual({ set_cities_options: 1, set_cities_value: 1, set_display_children: 1 })
    const o = await app.event(page, { 'countries-radio.value': 'Canada' })
    expect(o.results.map((r) => r.status)).toEqual(['updated', 'updated', 'updated'])
    expect(page.value('display-selected-values.children')).toBe('Montreal is a city in Canada')
    expect(app.calls).toEqual({ set_cities_options: 2, set_cities_value: 2, set_display_children: 2 })
  })
})

describe('cbpu002: no_update per output of a multi-output callback', () => {
  it('after 10 clicks n1 stays at 4, n2 at 2 and n3 at its initial text', async () => {
    const app = new TestApp()
    app.callback(
      'show_clicks',
      [Output('n1', 'children'), Output('n2', 'children'), Output('n3', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      (n: number | null) => [n && n > 4 ? noUpdate : n, n && n > 2 ? noUpdate : n, { ...noUpdate }]
    )
    const { page } = await app.load(
      h('div', {}, [
        h('button', { id: 'btn' }, 'B'),
        h('p', { id: 'n1' }, 'initial1'),
        h('p', { id: 'n2' }, 'initial2'),
        h('p', { id: 'n3' }, 'initial3'),
      ])
    )
    const written: string[][] = []
    for (let i = 0; i < 10; i++) written.push([...(await app.click(page, 'btn')).results[0]!.written])
    expect([page.value('n1.children'), page.value('n2.children'), page.value('n3.children')]).toEqual([
      4,
      2,
      'initial3',
    ])
    expect(written.map((w) => w.length)).toEqual([2, 2, 1, 1, 0, 0, 0, 0, 0, 0])
  })

  it("recognises Dash's serialised no_update as well", async () => {
    const app = new TestApp()
    app.callback(
      'f',
      [Output('a', 'children'), Output('b', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      () => [{ _dash_no_update: '_dash_no_update' }, 'B']
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('p', { id: 'a' }, 'A0'), h('p', { id: 'b' }, 'B0')])
    )
    expect(outcome.results[0]!.written).toEqual(['b.children'])
    expect([page.value('a.children'), page.value('b.children')]).toEqual(['A0', 'B'])
  })
})

describe('cbpu003: no_update stops a chain; the same value written again does not', () => {
  it('ab_out follows a_out_short only when it is written, and reads b_out as a State', async () => {
    const app = new TestApp()
    app.callback(
      'a_out',
      [Output('a_out', 'children'), Output('a_out_short', 'children')],
      [Input('a_in', 'value')],
      [],
      (a: string) => [a, a.length < 3 ? a : noUpdate]
    )
    app.callback('b_out', Output('b_out', 'children'), [Input('b_in', 'value')], [], (b: string) => b)
    app.callback(
      'ab_out',
      Output('ab_out', 'children'),
      [Input('a_out_short', 'children')],
      [State('b_out', 'children')],
      (a: string, b: string) => `${a} ${b}`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'a_in', value: 'a' }),
        h('dcc.Input', { id: 'b_in', value: 'b' }),
        ...['a_out', 'a_out_short', 'b_out', 'ab_out'].map((id) => h('p', { id }, '')),
      ])
    )
    const text = () => ['a_out', 'b_out', 'a_out_short', 'ab_out'].map((id) => page.value(`${id}.children`))
    await app.event(page, { 'b_in.value': 'bb' })
    await app.event(page, { 'a_in.value': 'aa' })
    expect(text()).toEqual(['aa', 'bb', 'aa', 'aa bb'])
    await app.event(page, { 'b_in.value': 'bbb' })
    const o = await app.event(page, { 'a_in.value': 'aaa' })
    expect(text()).toEqual(['aaa', 'bbb', 'aa', 'aa bb'])
    expect(o.results.map((r) => r.cb.name)).toEqual(['a_out'])
    await app.event(page, { 'b_in.value': 'bbbb' })
    await app.event(page, { 'a_in.value': 'aa' })
    expect(text()).toEqual(['aa', 'bbbb', 'aa', 'aa bbbb'])
    expect(app.count('ab_out')).toBe(3)
  })
})

describe('cbmo005: a single noUpdate from a multi-output callback', () => {
  it('leaves both outputs as they were, with no error', async () => {
    const app = new TestApp()
    app.callback(
      'update_outputs',
      [Output('output-1', 'children'), Output('output-2', 'children')],
      [Input('button', 'n_clicks'), Input('input-box', 'value')],
      [],
      (n: number | null) => (n === null ? noUpdate : ['Hello', 'world!'])
    )
    const { page, outcome } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'input-box', value: '' }),
        h('button', { id: 'button' }),
        h('div', { id: 'output-1' }, 'Output 1 will be displayed here'),
        h('div', { id: 'output-2' }, 'Output 2 will be displayed here'),
      ])
    )
    expect(outcome.results.map((r) => [r.status, r.error, r.written])).toEqual([['noUpdate', undefined, []]])
    expect(page.value('output-1.children')).toBe('Output 1 will be displayed here')
    expect(page.value('output-2.children')).toBe('Output 2 will be displayed here')
    await app.click(page, 'button')
    expect([page.value('output-1.children'), page.value('output-2.children')]).toEqual(['Hello', 'world!'])
  })
})

describe('R12: writing the same value again still triggers', () => {
  it('runs the consumer on every write, equal or not', async () => {
    const app = new TestApp()
    app.callback('constant', Output('mid', 'children'), [Input('btn', 'n_clicks')], [], () => 'same')
    app.callback('after', Output('out', 'children'), [Input('mid', 'children')], [], (m: string) => m)
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'mid' }), h('div', { id: 'out' })])
    )
    await app.click(page, 'btn')
    await app.click(page, 'btn')
    expect(app.calls).toEqual({ constant: 3, after: 3 })
  })

  it('does not run a callback when only its State changes (Dash rdsi001)', async () => {
    const app = new TestApp()
    app.callback(
      'f',
      Output('out', 'children'),
      [Input('in', 'value')],
      [State('state', 'value')],
      (i: string, s: string) => `input="${i}", state="${s}"`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'in', value: 'Initial Input' }),
        h('dcc.Input', { id: 'state', value: 'Initial State' }),
        h('div', { id: 'out' }),
      ])
    )
    const o = await app.event(page, { 'state.value': 'Initial Statez' })
    expect(o.results).toEqual([])
    expect(app.count('f')).toBe(1)
    await app.event(page, { 'in.value': 'Initial Inputxy' })
    expect(page.value('out.children')).toBe('input="Initial Inputxy", state="Initial Statez"')
    expect(app.count('f')).toBe(2)
  })
})

describe('R14: State does not block', () => {
  it('runs a callback whose State is still being computed, reading the old value', async () => {
    const app = new TestApp()
    const slow = gate()
    app.callback('slow_state', Output('s', 'children'), [Input('x', 'value')], [], async (x: string) => {
      await slow.promise
      return `new ${x}`
    })
    app.callback(
      'reader',
      Output('out', 'children'),
      [Input('x', 'value')],
      [State('s', 'children')],
      (x: string, s: string) => `${x} with ${s}`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'x', value: 'v0' }),
        h('div', { id: 's' }, 'old'),
        h('div', { id: 'out' }),
      ]),
      {
        onResult: (r) => {
          if (r.cb.name === 'reader') slow.open()
        },
      }
    )
    expect(app.log).toEqual(['slow_state', 'reader'])
    expect(page.value('out.children')).toBe('v0 with old')
    expect(page.value('s.children')).toBe('new v0')
  })
})

describe('R17: group pruning looks only at the inputs on the page', () => {
  it('prunes a callback whose present inputs all come from a member that wrote nothing', async () => {
    const app = new TestApp()
    app.callback('A', Output('a', 'children'), [Input('btn', 'n_clicks')], [], (n: number | null) => {
      if (!n) throw new PreventUpdate()
      return `A${n}`
    })
    app.callback(
      'C',
      Output('c', 'children'),
      [Input('a', 'children'), Input('missing', 'value')],
      [],
      (a: string) => `C ${a}`
    )
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'a' }, 'A0'), h('div', { id: 'c' })])
    )
    expect(statuses(outcome)).toEqual([['A', 'prevented']])
    expect(app.count('C')).toBe(0)
    await app.click(page, 'btn')
    expect(page.value('c.children')).toBe('C A1')
  })
})
