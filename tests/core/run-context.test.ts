/**
 * @module run-context.test
 * The callback context (R10, R11, R38) as callbacks see it in a wave: the initial placeholder,
 * merged triggers, the `ctx` export inside (and outside) a callback.
 */
import { describe, expect, it } from 'vitest'
import { ctx, type CallbackContext } from '../../src/core/context.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { PreventUpdate } from '../../src/core/sentinels.ts'
import { gate, h, TestApp } from './harness.ts'

describe('cbcx004: ctx.triggered, backward compatible', () => {
  it('holds the "." placeholder on load, then the clicked prop with its value', async () => {
    const app = new TestApp()
    app.callback(
      'report_triggered',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      (_n: unknown, c: CallbackContext) => {
        const t = c.toJSON()['triggered']
        return `triggered is ${c.isInitialCall ? 'falsy' : 'truthy'}, has prop/id ${JSON.stringify(c.triggered[0]!.prop_id.split('.'))}, and full value ${JSON.stringify(t)}`
      }
    )
    const { page } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }, 'click!'), h('div', { id: 'out' })])
    )
    expect(page.value('out.children')).toBe(
      'triggered is falsy, has prop/id ["",""], and full value [{"prop_id":".","value":null}]'
    )
    await app.click(page, 'btn')
    expect(page.value('out.children')).toBe(
      'triggered is truthy, has prop/id ["btn","n_clicks"], and full value [{"prop_id":"btn.n_clicks","value":1}]'
    )
  })

  it('R10: on an initial call triggeredId is null and triggeredPropIds is empty', async () => {
    const app = new TestApp()
    app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => 'x')
    const { page } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]))
    await app.click(page, 'btn')
    const [initial, clicked] = app.contexts['f']!
    expect([
      initial!.triggered,
      initial!.triggeredId,
      initial!.triggeredPropIds,
      initial!.isInitialCall,
    ]).toEqual([[{ prop_id: '.', propId: '.', value: null }], null, {}, true])
    expect([
      clicked!.triggered,
      clicked!.triggeredId,
      clicked!.triggeredPropIds,
      clicked!.isInitialCall,
    ]).toEqual([
      [{ prop_id: 'btn.n_clicks', propId: 'btn.n_clicks', value: 1 }],
      'btn',
      { 'btn.n_clicks': 'btn' },
      false,
    ])
  })
})

describe('cbcx006: an initial call merged with a trigger (R11)', () => {
  it('shows only the upstream prop on load, then the user prop and the upstream prop', async () => {
    const app = new TestApp()
    app.callback(
      'update_sum_number',
      Output('sum-number', 'value'),
      [Input('input-number-1', 'value'), Input('input-number-2', 'value')],
      [],
      (a: number, b: number) => a + b
    )
    app.callback(
      'update_results',
      Output('results', 'children'),
      [Input('input-number-1', 'value'), Input('input-number-2', 'value'), Input('sum-number', 'value')],
      [],
      (a: number, b: number, s: number) => `${a} + ${b} = ${s}`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'input-number-1', type: 'number', value: 0 }),
        h('dcc.Input', { id: 'input-number-2', type: 'number', value: 0 }),
        h('dcc.Input', { id: 'sum-number', type: 'number', value: 0, disabled: true }),
        h('div', { id: 'results' }),
      ])
    )
    expect(app.log).toEqual(['update_sum_number', 'update_results'])
    expect(app.triggered('update_sum_number')).toEqual([['.']])
    expect(app.triggered('update_results')).toEqual([['sum-number.value']])
    expect(app.contexts['update_results']![0]!.isInitialCall).toBe(false)
    await app.event(page, { 'input-number-1.value': 1 })
    expect(app.triggered('update_sum_number')[1]).toEqual(['input-number-1.value'])
    expect(app.triggered('update_results')[1]).toEqual(['input-number-1.value', 'sum-number.value'])
    await app.event(page, { 'input-number-2.value': 1 })
    expect(app.triggered('update_sum_number')[2]).toEqual(['input-number-2.value'])
    expect(app.triggered('update_results')[2]).toEqual(['input-number-2.value', 'sum-number.value'])
    expect(page.value('results.children')).toBe('1 + 1 = 2')
    expect(app.log).toHaveLength(6)
  })
})

describe('cbcx002 / cbcx007: which button was clicked', () => {
  it('names the clicked button and its count, and triggeredId is among triggeredPropIds', async () => {
    const app = new TestApp()
    const ids = ['btn-1', 'btn-2', 'btn-3', 'btn-4', 'btn-5']
    app.callback(
      'update',
      Output('output', 'children'),
      ids.map((id) => Input(id, 'n_clicks')),
      [],
      (...args: unknown[]) => {
        const c = args.at(-1) as CallbackContext
        if (c.isInitialCall) throw new PreventUpdate()
        if (!Object.values(c.triggeredPropIds).includes(c.triggeredId!))
          throw new Error('triggeredId not in triggeredPropIds')
        return `Just clicked ${c.triggeredId} for the ${c.triggered[0]!.value} time!`
      }
    )
    const { page } = await app.load(
      h('div', {}, [...ids.map((id) => h('button', { id })), h('div', { id: 'output' })])
    )
    expect(page.value('output.children')).toBe(null)
    for (const [id, n] of [
      ['btn-1', 1],
      ['btn-3', 1],
      ['btn-1', 2],
      ['btn-5', 1],
    ] as const) {
      await app.click(page, id)
      expect(page.value('output.children')).toBe(`Just clicked ${id} for the ${n} time!`)
    }
  })
})

describe('R38: the other context fields', () => {
  it('gives inputs, states, their lists and outputsList, for single and multi outputs', async () => {
    const app = new TestApp()
    app.callback('single', Output('o1', 'children'), [Input('a', 'value')], [State('s', 'value')], () => 1)
    app.callback(
      'multi',
      [Output('o2', 'children'), Output('o3', 'style')],
      [Input('a', 'value'), Input('b', 'value')],
      [],
      () => [1, 2]
    )
    await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'a', value: 'A' }),
        h('dcc.Input', { id: 'b' }),
        h('dcc.Input', { id: 's', value: 'S' }),
        ...['o1', 'o2', 'o3'].map((id) => h('div', { id })),
      ])
    )
    const single = app.contexts['single']![0]!
    expect([
      single.inputs,
      single.states,
      single.inputsList,
      single.statesList,
      single.outputsList,
      single.callback,
    ]).toEqual([
      { 'a.value': 'A' },
      { 's.value': 'S' },
      [{ id: 'a', property: 'value', value: 'A' }],
      [{ id: 's', property: 'value', value: 'S' }],
      { id: 'o1', property: 'children' },
      'single',
    ])
    const multi = app.contexts['multi']![0]!
    expect([multi.inputs, multi.states, multi.outputsList]).toEqual([
      { 'a.value': 'A', 'b.value': null },
      {},
      [
        { id: 'o2', property: 'children' },
        { id: 'o3', property: 'style' },
      ],
    ])
    expect(multi.toJSON()).toEqual({
      triggered: [{ prop_id: '.', value: null }],
      triggered_id: null,
      triggered_prop_ids: {},
      inputs: { 'a.value': 'A', 'b.value': null },
      states: {},
      inputs_list: [
        { id: 'a', property: 'value', value: 'A' },
        { id: 'b', property: 'value', value: null },
      ],
      states_list: [],
      outputs_list: [
        { id: 'o2', property: 'children' },
        { id: 'o3', property: 'style' },
      ],
    })
  })
})

describe('the ctx export', () => {
  it("is the running callback's context, before and after an await", async () => {
    const app = new TestApp()
    const seen: unknown[] = []
    app.callback(
      'f',
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      async (_n: unknown, passed: CallbackContext) => {
        seen.push(ctx.triggeredId, ctx.callback, ctx.inputs === passed.inputs)
        await new Promise((r) => setImmediate(r))
        seen.push(ctx.triggeredId, ctx.isInitialCall)
        return 'done'
      }
    )
    const { page } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]))
    await app.click(page, 'btn')
    expect(seen).toEqual([null, 'f', true, null, true, 'btn', 'f', true, 'btn', false])
  })

  it('keeps two concurrent callbacks apart', async () => {
    const app = new TestApp()
    const both = gate()
    const seen: string[] = []
    for (const name of ['left', 'right']) {
      app.callback(
        name,
        Output(`${name}-out`, 'children'),
        [Input(`${name}-btn`, 'n_clicks')],
        [],
        async () => {
          seen.push(`${name} sees ${ctx.callback} before`)
          if (name === 'right') both.open()
          await both.promise
          seen.push(`${name} sees ${ctx.callback} after`)
          return name
        }
      )
    }
    const { page } = await app.load(
      h(
        'div',
        {},
        ['left', 'right'].flatMap((n) => [h('button', { id: `${n}-btn` }), h('div', { id: `${n}-out` })])
      )
    )
    expect(seen).toEqual([
      'left sees left before',
      'right sees right before',
      'left sees left after',
      'right sees right after',
    ])
    expect([page.value('left-out.children'), page.value('right-out.children')]).toEqual(['left', 'right'])
  })

  it('throws when read outside a callback', () => {
    expect(() => ctx.triggered).toThrow(
      'ctx was read outside a callback. The callback context only exists while a callback runs; ' +
        'read it inside the callback function, or use the context passed as its last argument.'
    )
  })

  it('throws again after a wave has finished', async () => {
    const app = new TestApp()
    app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => ctx.callback)
    const { page } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]))
    expect(page.value('out.children')).toBe('f')
    expect(() => ctx.triggeredId).toThrow(/^ctx was read outside a callback/)
  })
})
