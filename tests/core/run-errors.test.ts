/**
 * @module run-errors.test
 * Failing callbacks through `runWave`: exceptions (R30), return shapes and values that cannot be
 * sent (R31), and PreventUpdate on the way (R27).
 */
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../../src/core/dependency.ts'
import { CallbackError, messages } from '../../src/core/errors.ts'
import { noUpdate, PreventUpdate } from '../../src/core/sentinels.ts'
import { h, statuses, TestApp } from './harness.ts'

/** first ← input, second ← first, third ← second, as Dash's clsd003 / clsd006 / clsd007. */
function chain(first: (v: string) => unknown) {
  const app = new TestApp()
  app.callback('first', Output('first', 'children'), [Input('input', 'value')], [], first)
  app.callback(
    'second',
    Output('second', 'children'),
    [Input('first', 'children')],
    [],
    (v: string) => `${v}2`
  )
  app.callback(
    'third',
    Output('third', 'children'),
    [Input('second', 'children')],
    [],
    (v: string) => `${v}3`
  )
  const layout = h('div', {}, [
    h('dcc.Input', { id: 'input', value: '1' }),
    ...['first', 'second', 'third'].map((id) => h('div', { id })),
  ])
  return { app, layout }
}

describe('R30: a callback that throws', () => {
  it('stops the chain below it, and the next event recovers (Dash clsd003)', async () => {
    const { app, layout } = chain((v) => {
      if (v === '11') throw new Error('eleven')
      return v
    })
    const { page } = await app.load(layout)
    const text = () => ['first', 'second', 'third'].map((id) => page.value(`${id}.children`))
    expect(text()).toEqual(['1', '12', '123'])
    const o = await app.event(page, { 'input.value': '11' })
    expect(statuses(o)).toEqual([['first', 'error']])
    expect(text()).toEqual(['1', '12', '123'])
    const err = o.results[0]!.error!
    expect(err).toBeInstanceOf(CallbackError)
    expect([err.message, err.callback, err.outputs]).toEqual(['eleven', 'first', ['first.children']])
    expect((err.cause as Error).message).toBe('eleven')
    expect(o.results[0]!.written).toEqual([])
    await app.event(page, { 'input.value': '111' })
    expect(text()).toEqual(['111', '1112', '11123'])
    expect(app.calls).toEqual({ first: 3, second: 2, third: 2 })
  })

  it('PreventUpdate stops the chain the same way, without an error (Dash clsd006)', async () => {
    const { app, layout } = chain((v) => {
      if (v === '11') throw new PreventUpdate()
      return v
    })
    const { page } = await app.load(layout)
    const o = await app.event(page, { 'input.value': '11' })
    expect(o.results.map((r) => [r.cb.name, r.status, r.error])).toEqual([['first', 'prevented', undefined]])
    expect(page.value('third.children')).toBe('123')
  })

  it('noUpdate stops only below it (Dash clsd007)', async () => {
    const app = new TestApp()
    app.callback(
      'first',
      [Output('first', 'children'), Output('second', 'children')],
      [Input('input', 'value')],
      [],
      (v: string) => [v, v === '11' ? noUpdate : `${v}2`]
    )
    app.callback(
      'third',
      Output('third', 'children'),
      [Input('second', 'children')],
      [],
      (v: string) => `${v}3`
    )
    const { page } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'input', value: '1' }),
        ...['first', 'second', 'third'].map((id) => h('div', { id })),
      ])
    )
    await app.event(page, { 'input.value': '11' })
    expect(['first', 'second', 'third'].map((id) => page.value(`${id}.children`))).toEqual([
      '11',
      '12',
      '123',
    ])
    expect(app.calls).toEqual({ first: 2, third: 1 })
  })

  it('treats a PreventUpdate thrown after an await like a synchronous one', async () => {
    const { app, layout } = chain(async (v) => {
      await null
      if (v === '11') throw new PreventUpdate()
      return v
    })
    const { page } = await app.load(layout)
    const o = await app.event(page, { 'input.value': '11' })
    expect(statuses(o)).toEqual([['first', 'prevented']])
    expect(page.value('third.children')).toBe('123')
  })

  it('keeps the message of a thrown non-Error', async () => {
    const app = new TestApp()
    app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => {
      throw 'plain string' // eslint-disable-line no-throw-literal
    })
    const { outcome } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]))
    expect(outcome.results[0]!.error!.message).toBe('plain string')
    expect(outcome.results[0]!.error!.cause).toBe('plain string')
  })

  it('on load, prunes what depends only on the failed callback (R17), but runs what has another input', async () => {
    const app = new TestApp()
    app.callback('broken', Output('mid', 'children'), [Input('in', 'value')], [], () => {
      throw new Error('boom')
    })
    app.callback('only_mid', Output('a', 'children'), [Input('mid', 'children')], [], (m: string) => `a ${m}`)
    app.callback(
      'mid_and_in',
      Output('b', 'children'),
      [Input('mid', 'children'), Input('in', 'value')],
      [],
      (m: string, v: string) => `b ${m} ${v}`
    )
    const { page, outcome } = await app.load(
      h('div', {}, [
        h('dcc.Input', { id: 'in', value: 'v' }),
        h('div', { id: 'mid' }, 'M'),
        h('div', { id: 'a' }),
        h('div', { id: 'b' }),
      ])
    )
    expect(statuses(outcome)).toEqual([
      ['broken', 'error'],
      ['mid_and_in', 'updated'],
    ])
    expect(app.calls).toEqual({ broken: 1, mid_and_in: 1 })
    expect([page.value('a.children'), page.value('b.children')]).toEqual([null, 'b M v'])
  })

  it('rejects an async callback the same way', async () => {
    const app = new TestApp()
    app.callback('f', Output('out', 'children'), [Input('btn', 'n_clicks')], [], async () => {
      await null
      throw new RangeError('later')
    })
    const { outcome } = await app.load(h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'out' })]))
    expect([outcome.results[0]!.status, outcome.results[0]!.error!.message]).toEqual(['error', 'later'])
    expect(outcome.results[0]!.error!.cause).toBeInstanceOf(RangeError)
  })
})

describe('R31: return shapes', () => {
  const two = [Output('x', 'children'), Output('y', 'children')]
  it.each([
    {
      case: 'a multi-output callback returning a string',
      outputs: two,
      value: 'abc',
      message: messages.multiNotArray('f', 2, 'abc'),
    },
    {
      case: 'a multi-output callback returning an object',
      outputs: two,
      value: { a: 1 },
      message: messages.multiNotArray('f', 2, { a: 1 }),
    },
    {
      case: 'too few values (Dash cbva002)',
      outputs: two,
      value: ['abc'],
      message: messages.multiWrongLength('f', 2, 1),
    },
    {
      case: 'too many values',
      outputs: two,
      value: [1, 2, 3],
      message: messages.multiWrongLength('f', 2, 3),
    },
    {
      case: 'a list of one returning a bare value (R2)',
      outputs: [Output('x', 'children')],
      value: 'Hi',
      message: messages.multiNotArray('f', 1, 'Hi'),
    },
    {
      case: 'a no-output callback returning a value',
      outputs: [],
      value: 'oops',
      message: 'No-output callback f received return value: oops. Return nothing.',
    },
  ])('$case is an error, and nothing is written', async ({ outputs, value, message }) => {
    const app = new TestApp()
    app.callback('f', outputs, [Input('btn', 'n_clicks')], [], () => value)
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'x' }, 'X'), h('div', { id: 'y' }, 'Y')])
    )
    expect(outcome.results.map((r) => [r.status, r.error?.message, r.written])).toEqual([
      ['error', message, []],
    ])
    for (const d of outputs) expect(page.value(d.key)).toBe(d.id.toUpperCase())
  })

  it.each([
    { case: 'a single output returning a value', outputs: Output('x', 'children'), value: 'Hi', x: 'Hi' },
    {
      case: 'a list of one returning a list of one',
      outputs: [Output('x', 'children')],
      value: ['Hi'],
      x: 'Hi',
    },
    {
      case: 'a single output returning a list',
      outputs: Output('x', 'children'),
      value: ['a', 'list'],
      x: ['a', 'list'],
    },
    {
      case: 'a single output returning undefined',
      outputs: Output('x', 'children'),
      value: undefined,
      x: null,
    },
  ])('accepts $case (Dash cbva003)', async ({ outputs, value, x }) => {
    const app = new TestApp()
    app.callback('f', outputs, [Input('btn', 'n_clicks')], [], () => value)
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'x' }, 'X')])
    )
    expect(outcome.results.map((r) => [r.status, r.written])).toEqual([['updated', ['x.children']]])
    expect(page.value('x.children')).toEqual(x)
  })

  it('reports a value the check refuses, naming the output, and writes none of the outputs', async () => {
    const app = new TestApp()
    app.callback(
      'f',
      [Output('x', 'children'), Output('y', 'children')],
      [Input('btn', 'n_clicks')],
      [],
      () => ['fine', new Set([2])]
    )
    const check = (v: unknown) => (v instanceof Set ? 'a Set is not JSON' : null)
    const { page, outcome } = await app.load(
      h('div', {}, [h('button', { id: 'btn' }), h('div', { id: 'x' }, 'X'), h('div', { id: 'y' }, 'Y')]),
      { check }
    )
    expect(outcome.results[0]!.error!.message).toBe(
      messages.notSerialisable('f', 'y.children', 'a Set is not JSON')
    )
    expect([page.value('x.children'), page.value('y.children')]).toEqual(['X', 'Y'])
  })
})
