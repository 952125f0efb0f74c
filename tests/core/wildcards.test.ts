/**
 * @module wildcards.test
 * Pattern matching, table-driven: dict id strings (Dash's `stringifyId`), matching and ordering
 * (`idMatch`, `idValSort`), registration checks (R43), and runs of MATCH / ALL / ALLSMALLER
 * callbacks: one call per MATCH value, lists in document order, empty lists, removals (R22).
 */
import { describe, expect, it } from 'vitest'
import { createCallbackSpec } from '../../src/core/callback.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { Graph } from '../../src/core/graph.ts'
import { PageState } from '../../src/core/page.ts'
import { resolveIds } from '../../src/core/resolve.ts'
import {
  ALL,
  ALLSMALLER,
  idMatches,
  idValSort,
  MATCH,
  parseDictId,
  stringifyId,
  type IdValue,
} from '../../src/core/wildcards.ts'
import { h, TestApp } from './harness.ts'

describe('stringifyId (R3, Dash stringifyId)', () => {
  it.each([
    { id: 'plain', s: 'plain' },
    { id: { type: 'todo', index: 3 }, s: '{"index":3,"type":"todo"}' },
    { id: { b: true, a: 'x y' }, s: '{"a":"x y","b":true}' },
    { id: { index: ALL, type: 'x' }, s: '{"index":["ALL"],"type":"x"}' },
    { id: { i: MATCH }, s: '{"i":["MATCH"]}' },
    { id: { i: ALLSMALLER }, s: '{"i":["ALLSMALLER"]}' },
  ])('$s', ({ id, s }) => {
    expect(stringifyId(id as never)).toBe(s)
    if (typeof id !== 'string') expect(stringifyId(parseDictId(s)!)).toBe(s)
  })
})

describe('idValSort (ALLSMALLER ordering, mixed values)', () => {
  it('numbers and numeric strings numerically, then false < true, then strings', () => {
    const vals: IdValue[] = ['b', true, 10, '2', false, 'a', 1.5, '-3']
    expect([...vals].sort(idValSort)).toEqual(['-3', 1.5, '2', 10, false, true, 'a', 'b'])
  })
})

describe('idMatches (Dash idMatch)', () => {
  it.each([
    { id: { i: 2, t: 'x' }, pattern: { i: MATCH, t: 'x' }, match: null, ok: true },
    { id: { i: 2, t: 'y' }, pattern: { i: MATCH, t: 'x' }, match: null, ok: false },
    { id: { i: 2, t: 'x' }, pattern: { i: MATCH, t: 'x' }, match: { i: 2 }, ok: true },
    { id: { i: 2, t: 'x' }, pattern: { i: MATCH, t: 'x' }, match: { i: 3 }, ok: false },
    { id: { i: 2, t: 'x' }, pattern: { i: ALLSMALLER, t: 'x' }, match: { i: 3 }, ok: true },
    { id: { i: 3, t: 'x' }, pattern: { i: ALLSMALLER, t: 'x' }, match: { i: 3 }, ok: false },
    { id: { i: 'z', t: 'x' }, pattern: { i: ALLSMALLER, t: 'x' }, match: { i: 3 }, ok: false },
    { id: { i: true, t: 'x' }, pattern: { i: ALLSMALLER, t: 'x' }, match: { i: 'a' }, ok: true },
    { id: { i: 9, t: 'x' }, pattern: { i: ALL, t: 'x' }, match: { i: 1 }, ok: true },
  ])('$id against $pattern with $match → $ok', ({ id, pattern, match, ok }) => {
    expect(idMatches(id, pattern, match)).toBe(ok)
  })

  it('resolves ALL in document order and only ids with exactly the same keys (R41)', () => {
    const recs = [
      { id: stringifyId({ i: 'b' }), parent: null },
      { id: stringifyId({ i: 1, extra: 0 }), parent: null },
      { id: stringifyId({ i: 10 }), parent: null },
      { id: stringifyId({ i: 2 }), parent: null },
    ]
    const page = new PageState(recs.map((r) => ({ ...r, kind: 'div', props: {} })))
    expect(resolveIds(Input({ i: ALL }, 'value'), null, page)).toEqual(['{"i":"b"}', '{"i":10}', '{"i":2}'])
    expect(resolveIds(Input({ i: ALLSMALLER }, 'value'), { i: 10 }, page)).toEqual(['{"i":2}'])
    expect(resolveIds(Input({ i: ALL }, 'value'), null, new PageState())).toEqual([])
  })
})

describe('registration checks (R43), with the fix in the message', () => {
  const spec =
    (outs: unknown, ins: unknown, states: unknown[] = []) =>
    () => {
      const g = new Graph()
      g.add(createCallbackSpec(0, outs, ins, states, () => null, { name: 'f' }))
    }
  it.each([
    {
      case: 'MATCH in an Output with no MATCH Input',
      make: spec(Output({ i: MATCH }, 'children'), [Input('btn', 'n_clicks')]),
      error:
        /Output\(\{"i":\["MATCH"\]\}, 'children'\) has MATCH on 'i', but no Input or State has MATCH \(or ALLSMALLER\) there.*or use ALL in the Output/,
    },
    {
      case: 'mismatched MATCH keys between Outputs',
      make: spec(
        [Output({ i: MATCH, t: 'a' }, 'children'), Output({ j: MATCH, t: 'b' }, 'children')],
        [Input({ i: MATCH, j: MATCH }, 'value')]
      ),
      error: /Mismatched `MATCH` wildcards across Outputs.*Use the same MATCH keys/,
    },
    {
      case: 'ALLSMALLER in an Output',
      make: () => Output({ i: ALLSMALLER }, 'children'),
      error: /ALLSMALLER \('i'\) may only be used in an Input or a State, never in an Output/,
    },
    {
      case: 'ALLSMALLER without a MATCH in the Outputs',
      make: spec(Output('out', 'children'), [Input({ i: ALLSMALLER }, 'value')]),
      error: /has MATCH or ALLSMALLER on 'i', but Output\(out, 'children'\) has no MATCH there/,
    },
    {
      case: "Input MATCH keys not among the Outputs' MATCH keys",
      make: spec(Output({ i: MATCH, j: 1 }, 'children'), [Input({ i: MATCH, j: MATCH }, 'value')]),
      error: /has MATCH or ALLSMALLER on 'j'/,
    },
    {
      case: 'a wildcard in a State of a plain callback is fine',
      make: spec(Output('out', 'children'), [Input('b', 'n_clicks')], [State({ i: ALL }, 'value')]),
      error: null,
    },
  ])('$case', ({ make, error }) => {
    if (error) expect(make).toThrow(error)
    else expect(make).not.toThrow()
  })

  it('refuses overlapping wildcard outputs across callbacks (duplicate wildcard outputs)', () => {
    const g = new Graph()
    g.add(
      createCallbackSpec(0, Output({ i: ALL }, 'children'), [Input('a', 'value')], [], () => null, {
        name: 'one',
      })
    )
    expect(() =>
      g.add(
        createCallbackSpec(1, Output({ i: 1 }, 'children'), [Input('b', 'value')], [], () => null, {
          name: 'two',
        })
      )
    ).toThrow(
      /Overlapping wildcard callback outputs: `\{"i":1\}.children` \(callback two\).*`\{"i":\["ALL"\]\}.children` \(callback one\)/
    )
    expect(() =>
      g.add(
        createCallbackSpec(1, Output({ i: ALL }, 'children'), [Input('b', 'value')], [], () => null, {
          name: 'three',
        })
      )
    ).toThrow(/Output `\{"i":\["ALL"\]\}.children` is set by two callbacks \(one, three\)/)
  })

  it('refuses a wildcard in a layout id', () => {
    expect(() =>
      createCallbackSpec(0, Output({ i: 1, x: [] as never }, 'children'), [], [], () => null)
    ).toThrow(/the value of 'x' in a dict id is \[\]/)
  })
})

/** Items `{ i: n, t: 'in' }` holding a value, each with an output `{ i: n, t: 'out' }`, plus fixed `sum` and `btn`. */
const items = (vals: (number | string | boolean)[]) =>
  h('div', {}, [
    h('button', { id: 'btn' }),
    h(
      'div',
      { id: 'list' },
      vals.map((v) =>
        h('div', {}, [
          h('input', { id: stringifyId({ i: v, t: 'in' }), value: v }),
          h('div', { id: stringifyId({ i: v, t: 'out' }) }),
        ])
      )
    ),
    h('div', { id: 'sum' }),
  ])

describe('runs (R40–R42)', () => {
  it('MATCH: one initial call per item, and one call for the changed item only', async () => {
    const app = new TestApp()
    app.callback(
      'm',
      Output({ i: MATCH, t: 'out' }, 'children') as never,
      [Input({ i: MATCH, t: 'in' }, 'value')] as never,
      [],
      (v: unknown) => `v=${v}`
    )
    const { page } = await app.load(items([1, 2, 3]))
    expect(app.count('m')).toBe(3)
    expect([1, 2, 3].map((n) => page.value(`{"i":${n},"t":"out"}.children`))).toEqual(['v=1', 'v=2', 'v=3'])
    const o = await app.event(page, { '{"i":2,"t":"in"}.value': 'x' })
    expect(app.count('m')).toBe(4)
    expect(o.results.map((r) => [r.call, r.written])).toEqual([['0:[2]', ['{"i":2,"t":"out"}.children']]])
    expect(app.contexts['m']!.at(-1)!.triggeredId).toEqual({ i: 2, t: 'in' })
  })

  it('ALL: a list in document order, empty when nothing matches, and the context in Dash shapes', async () => {
    const app = new TestApp()
    app.callback(
      'sum',
      Output('sum', 'children'),
      [Input({ i: ALL, t: 'in' }, 'value')] as never,
      [],
      (vs: unknown[]) => JSON.stringify(vs)
    )
    const { page } = await app.load(items([3, 1, 'z', 2]))
    expect(page.value('sum.children')).toBe('[3,1,"z",2]')
    const empty = await app.load(items([]))
    expect(empty.page.value('sum.children')).toBe('[]')
    await app.event(page, { '{"i":1,"t":"in"}.value': 5 })
    const c = app.contexts['sum']!.at(-1)!
    expect(c.triggered).toEqual([
      { prop_id: '{"i":1,"t":"in"}.value', propId: '{"i":1,"t":"in"}.value', value: 5 },
    ])
    expect(c.triggeredId).toEqual({ i: 1, t: 'in' })
    expect(c.inputsList).toEqual([
      [
        { id: { i: 3, t: 'in' }, property: 'value', value: 3 },
        { id: { i: 1, t: 'in' }, property: 'value', value: 5 },
        { id: { i: 'z', t: 'in' }, property: 'value', value: 'z' },
        { id: { i: 2, t: 'in' }, property: 'value', value: 2 },
      ],
    ])
    expect(c.inputs).toEqual({
      '{"i":3,"t":"in"}.value': 3,
      '{"i":1,"t":"in"}.value': 5,
      '{"i":"z","t":"in"}.value': 'z',
      '{"i":2,"t":"in"}.value': 2,
    })
  })

  it('ALLSMALLER: the items before the MATCH value (mixed values), and the later calls a change asks for', async () => {
    const app = new TestApp()
    app.callback(
      'before',
      Output({ i: MATCH, t: 'out' }, 'children') as never,
      [Input({ i: ALLSMALLER, t: 'in' }, 'value'), Input({ i: MATCH, t: 'in' }, 'value')] as never,
      [],
      (before: unknown[]) => before.join(',')
    )
    const { page } = await app.load(items([2, 'a', 10, true]))
    expect([2, '"a"', 10, true].map((n) => page.value(`{"i":${n},"t":"out"}.children`))).toEqual([
      '',
      '2,10,true',
      '2',
      '2,10',
    ])
    const o = await app.event(page, { '{"i":10,"t":"in"}.value': 11 })
    // 10 changed: its own call (MATCH) and the calls of the items after it (true, "a").
    expect(o.results.map((r) => r.call).sort()).toEqual(['0:["a"]', '0:[10]', '0:[true]'])
  })

  it('ALL Output: returns one value per item; a wrong length is an error (R31)', async () => {
    const app = new TestApp()
    app.callback(
      'all',
      [Output({ i: ALL, t: 'out' }, 'children')] as never,
      [Input('btn', 'n_clicks')],
      [],
      (n: unknown) => [[`a${n}`, `b${n}`]]
    )
    const { page } = await app.load(items([1, 2]))
    expect([page.value('{"i":1,"t":"out"}.children'), page.value('{"i":2,"t":"out"}.children')]).toEqual([
      'anull',
      'bnull',
    ])
    const bad = new TestApp()
    bad.callback(
      'all',
      Output({ i: ALL, t: 'out' }, 'children') as never,
      [Input('btn', 'n_clicks')],
      [],
      () => ['one']
    )
    const { outcome } = await bad.load(items([1, 2]))
    expect(outcome.results[0]!.error?.message).toMatch(
      /names 2 component\(s\) on the page now, so its value must be a list of 2/
    )
  })

  it('R22: removing items fires ALL consumers with the shorter list, in the same wave', async () => {
    const app = new TestApp()
    app.callback(
      'sum',
      Output('sum', 'children'),
      [Input({ i: ALL, t: 'in' }, 'value')] as never,
      [],
      (vs: unknown[]) => vs.length
    )
    app.callback(
      'shrink',
      Output('list', 'children'),
      [Input('btn', 'n_clicks')],
      [],
      () => h('div', {}, [h('input', { id: stringifyId({ i: 9, t: 'in' }), value: 9 })]),
      { preventInitialCall: true }
    )
    const { page } = await app.load(items([1, 2, 3]))
    expect(page.value('sum.children')).toBe(3)
    await app.click(page, 'btn')
    expect(page.value('sum.children')).toBe(1)
  })
})

describe('flexible signatures (R39) and ctx.argsGrouping', () => {
  it('named arguments in, an object out; leaves { id, property, value, str_id, triggered }', async () => {
    const app = new TestApp()
    const fn = (args: { n: unknown; all: unknown[]; text: unknown }) => ({
      count: `${args.n}:${args.all.length}`,
      echo: { first: args.text },
    })
    app.callback(
      'grouped',
      { count: Output('sum', 'children'), echo: { first: Output('sum', 'title') } } as never,
      {
        n: Input('btn', 'n_clicks'),
        all: State({ i: ALL, t: 'in' }, 'value'),
        text: State({ i: 1, t: 'in' }, 'value'),
      } as never,
      undefined as never,
      fn as never
    )
    const { page } = await app.load(items([1, 2]))
    await app.click(page, 'btn')
    expect([page.value('sum.children'), page.value('sum.title')]).toEqual(['1:2', 1])
    const c = app.contexts['grouped']!.at(-1)!
    expect(c.usingArgsGrouping).toBe(true)
    expect(c.argsGrouping).toEqual({
      n: { id: 'btn', property: 'n_clicks', value: 1, str_id: 'btn', strId: 'btn', triggered: true },
      all: [
        {
          id: { i: 1, t: 'in' },
          property: 'value',
          value: 1,
          str_id: '{\"i\":1,\"t\":\"in\"}',
          strId: '{\"i\":1,\"t\":\"in\"}',
          triggered: false,
        },
        {
          id: { i: 2, t: 'in' },
          property: 'value',
          value: 2,
          str_id: '{\"i\":2,\"t\":\"in\"}',
          strId: '{\"i\":2,\"t\":\"in\"}',
          triggered: false,
        },
      ],
      text: {
        id: { i: 1, t: 'in' },
        property: 'value',
        value: 1,
        str_id: '{\"i\":1,\"t\":\"in\"}',
        strId: '{\"i\":1,\"t\":\"in\"}',
        triggered: false,
      },
    })
    expect(c.outputsGrouping).toEqual({
      count: { id: 'sum', property: 'children' },
      echo: { first: { id: 'sum', property: 'title' } },
    })
  })

  it('nested arrays of Inputs arrive as nested arrays; a wrong returned shape is an error', async () => {
    const app = new TestApp()
    app.callback(
      'nested',
      [Output('sum', 'children'), [Output('sum', 'title')]] as never,
      [
        Input('btn', 'n_clicks'),
        [State({ i: 1, t: 'in' }, 'value'), State({ i: 2, t: 'in' }, 'value')],
      ] as never,
      [],
      ((n: unknown, pair: unknown[]) => [`${n}`, [pair.join('+')]]) as never
    )
    const { page } = await app.load(items([1, 2]))
    expect([page.value('sum.children'), page.value('sum.title')]).toEqual(['null', '1+2'])
    const bad = new TestApp()
    bad.callback('bad', { a: Output('sum', 'children') } as never, [Input('btn', 'n_clicks')], [], () => ({
      b: 1,
    }))
    const { outcome } = await bad.load(items([]))
    expect(outcome.results[0]!.error?.message).toBe(
      "The callback bad must return the shape of its Outputs: the return value has no key 'a'."
    )
  })
})
