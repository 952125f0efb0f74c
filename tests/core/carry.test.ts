/**
 * @module carry.test
 * What a pattern-matching event's request carries (src/core/carry.ts, closure.ts): selectors built
 * from wildcard dependencies, which ids they select, the closure of todo-like and Fibonacci-like
 * graphs; and how a wave on such a request treats what it did not carry (src/core/unseen.ts):
 * removed and inserted items, and a `setProps` made through a helper function.
 */
import { describe, expect, it } from 'vitest'
import {
  Carried,
  carryToken,
  parseCarry,
  parseSelector,
  selectorOf,
  selects,
  type Binding,
} from '../../src/core/carry.ts'
import { chainIds } from '../../src/core/closure.ts'
import { Input, Output, State } from '../../src/core/dependency.ts'
import { PageState } from '../../src/core/page.ts'
import { Patch } from '../../src/core/patch.ts'
import { runWave } from '../../src/core/run.ts'
import { setProps } from '../../src/core/side-updates.ts'
import { ALL, ALLSMALLER, MATCH, parseDictId, stringifyId, type DictId } from '../../src/core/wildcards.ts'
import { h, statuses, TestApp } from './harness.ts'

const id = (o: Record<string, string | number | boolean>) => stringifyId(o)

describe('selectorOf', () => {
  it.each([
    { dep: Input('plain', 'value'), bind: {}, out: 'plain' },
    { dep: Input({ type: 'a', index: 1 }, 'value'), bind: {}, out: '{"index":1,"type":"a"}' },
    {
      dep: Input({ type: 'a', index: ALL }, 'value'),
      bind: { index: 3 },
      out: '{"index":["ALL"],"type":"a"}',
    },
    { dep: Input({ type: 'a', index: MATCH }, 'value'), bind: {}, out: '{"index":["ALL"],"type":"a"}' },
    { dep: Input({ type: 'a', index: MATCH }, 'value'), bind: { index: 3 }, out: '{"index":3,"type":"a"}' },
    {
      dep: State({ type: 'a', index: ALLSMALLER }, 'value'),
      bind: { index: 3 },
      out: '{"index":["ALL"],"type":"a"}',
    },
    {
      dep: Input({ type: 'a', row: MATCH, col: ALL }, 'value'),
      bind: { row: 'x y' },
      out: '{"col":["ALL"],"row":"x y","type":"a"}',
    },
  ])('$dep.key bound by $bind → $out', ({ dep, bind, out }) => {
    expect(selectorOf(dep, bind as unknown as Binding)).toBe(out)
  })
})

describe('selects', () => {
  const sel = (s: string) => parseSelector(s)!
  it.each([
    { s: '{"index":["ALL"],"type":"a"}', id: { type: 'a', index: 1 }, yes: true },
    { s: '{"index":["ALL"],"type":"a"}', id: { type: 'a', index: 'x' }, yes: true },
    { s: '{"index":["ALL"],"type":"a"}', id: { type: 'b', index: 1 }, yes: false },
    { s: '{"index":["ALL"],"type":"a"}', id: { type: 'a', index: 1, extra: true }, yes: false },
    { s: '{"index":["ALL"],"type":"a"}', id: { type: 'a' }, yes: false },
    { s: '{"col":["ALL"],"row":1,"type":"a"}', id: { type: 'a', row: 1, col: 9 }, yes: true },
    { s: '{"col":["ALL"],"row":1,"type":"a"}', id: { type: 'a', row: '1', col: 9 }, yes: false },
  ])('$s selects $id: $yes', ({ s, id, yes }) => {
    expect(selects(sel(s), id as unknown as DictId)).toBe(yes)
  })

  it('is not a selector without an ALL key', () => {
    expect(parseSelector('{"index":1,"type":"a"}')).toBeNull()
    expect(parseSelector('plain')).toBeNull()
  })

  it('hd-carry tokens round-trip ids with spaces and percent signs', () => {
    const ids = ['a', '{"name":"x y","type":"a"}', '50%', '{"index":["ALL"],"type":"t\\tz"}']
    const attr = ids.map(carryToken).join(' ')
    expect(attr.split(' ')).toHaveLength(4)
    expect(parseCarry(attr)).toEqual(ids)
  })
})

describe('Carried', () => {
  const carried = new Carried(['a', '{"index":["ALL"],"type":"done"}', '{"index":2,"type":"item"}'], (x) =>
    ['a', 'sent-only'].includes(x)
  )
  it.each([
    { what: 'a listed id', id: 'a', unseen: false },
    { what: 'an id sent but not listed', id: 'sent-only', unseen: false },
    { what: 'an id neither listed nor sent', id: 'b', unseen: true },
    { what: 'an item a selector names', id: id({ type: 'done', index: 7 }), unseen: false },
    { what: 'a listed concrete item', id: id({ type: 'item', index: 2 }), unseen: false },
    { what: 'another item of a listed shape', id: id({ type: 'item', index: 3 }), unseen: true },
    { what: 'an item of another shape', id: id({ type: 'done', index: 7, x: 1 }), unseen: true },
  ])('$what: unseen $unseen', ({ id: x, unseen }) => {
    expect(carried.id(x)).toBe(unseen)
  })

  it.each([
    { dep: Input({ type: 'done', index: ALL }, 'value'), bind: {}, unseen: false },
    { dep: Input({ type: 'done', index: MATCH }, 'value'), bind: { index: 4 }, unseen: false },
    { dep: Input({ type: 'item', index: ALL }, 'children'), bind: {}, unseen: true },
    { dep: Input({ type: 'item', index: MATCH }, 'children'), bind: { index: 2 }, unseen: false },
    { dep: Input({ type: 'item', index: MATCH }, 'children'), bind: { index: 5 }, unseen: true },
    { dep: Input('b', 'value'), bind: {}, unseen: true },
  ])('dependency $dep.key bound by $bind: unseen $unseen', ({ dep, bind, unseen }) => {
    expect(carried.dep(dep, bind as unknown as Binding, () => false)).toBe(unseen)
  })

  it('a component the wave inserted is never unseen', () => {
    const fresh = (x: string) => x === id({ type: 'item', index: 5 })
    expect(carried.dep(Input({ type: 'item', index: MATCH }, 'children'), { index: 5 }, fresh)).toBe(false)
  })
})

/** One todo row: its checkbox, its text, the count of done items before it. */
const row = (i: number, done: unknown) =>
  h(
    'div',
    {},
    h('dcc.Checklist', { id: id({ type: 'done', index: i }), value: done }),
    h('div', { id: id({ type: 'item', index: i }) }),
    h('div', { id: id({ type: 'preceding', index: i }) })
  )

/** Dash's todo app (examples/todo.tsx), its functions cut short. */
function todo() {
  const app = new TestApp({ preventInitialCallbacks: true })
  app.callback(
    'editList',
    Output('list', 'children'),
    [Input('add', 'n_clicks'), Input('clear', 'n_clicks')],
    [State('new', 'value'), State({ type: 'done', index: ALL }, 'value')] as never,
    (_a, clear, _n, done: unknown[][]) => {
      // Keeps the items not done, as the example does (clear-done).
      const keep = done.map((d, i) => [d, i] as const).filter(([d]) => !(clear && d?.length))
      return keep.map(([d], i) => row(i, d))
    }
  )
  app.callback(
    'markDone',
    Output({ type: 'item', index: MATCH }, 'style'),
    [Input({ type: 'done', index: MATCH }, 'value')],
    [],
    (d: unknown[]) => (d?.length ? 'done' : 'todo')
  )
  app.callback(
    'preceding',
    Output({ type: 'preceding', index: MATCH }, 'children'),
    [Input({ type: 'done', index: ALLSMALLER }, 'value')] as never,
    [],
    (before: unknown[]) => `${before.length} before`
  )
  app.callback(
    'totals',
    Output('totals', 'children'),
    [Input({ type: 'done', index: ALL }, 'value')] as never,
    [],
    (done: unknown[][]) => `${done.filter((d) => d?.length).length} of ${done.length}`
  )
  return app
}

/** Fibonacci (tests/browser/fibonacci): each item's value from every smaller item's. */
function fibonacci() {
  const app = new TestApp({ preventInitialCallbacks: true })
  app.callback(
    'fib',
    Output({ i: MATCH }, 'children'),
    [Input({ i: ALLSMALLER }, 'children')] as never,
    [],
    (xs: number[]) => xs.length
  )
  return app
}

/** One MATCH callback per item (tests/bench/pattern.tsx). */
function items() {
  const app = new TestApp({ preventInitialCallbacks: true })
  app.callback(
    'echo',
    Output({ type: 'out', index: MATCH }, 'children'),
    [Input({ type: 'in', index: MATCH }, 'value')],
    [],
    (v: string) => `got ${v}`
  )
  return app
}

describe('chainIds of pattern-matching chains', () => {
  const sorted = (s: Set<string> | null) => [...(s ?? ['<the whole page>'])].sort()
  it.each([
    {
      what: 'one MATCH item: its own input and output only',
      app: items,
      changed: [`${id({ type: 'in', index: 3 })}.value`],
      ids: ['{"index":3,"type":"in"}', '{"index":3,"type":"out"}'],
    },
    {
      what: 'todo, a done box: its item, and what its ALL and ALLSMALLER consumers read and write',
      app: todo,
      changed: [`${id({ type: 'done', index: 1 })}.value`],
      ids: [
        'totals',
        '{"index":1,"type":"done"}',
        '{"index":1,"type":"item"}',
        '{"index":["ALL"],"type":"done"}',
        '{"index":["ALL"],"type":"preceding"}',
      ],
    },
    {
      what: 'todo, add: its reads and, as it writes children, every ALL consumer (R20b, R22)',
      app: todo,
      changed: ['add.n_clicks'],
      ids: [
        'add',
        'clear',
        'list',
        'new',
        'totals',
        '{"index":["ALL"],"type":"done"}',
        '{"index":["ALL"],"type":"preceding"}',
      ],
    },
    {
      what: 'fibonacci: an item sets off every larger one (ALLSMALLER), their outputs feed further',
      app: fibonacci,
      changed: [`${id({ i: 2 })}.children`],
      ids: ['{"i":2}', '{"i":["ALL"]}'],
    },
  ])('$what', ({ app, changed, ids }) => {
    expect(sorted(chainIds(app().graph, changed))).toEqual(ids)
  })
})

/** The page a request built from `hd-carry` holds: the records the chain lists or selects. */
function carriedPage(app: TestApp, full: PageState, changed: string[]) {
  const known = chainIds(app.graph, changed)!
  const listed = new Carried(known, () => false)
  const page = new PageState([...full.records()].filter((r) => !listed.id(r.id)).map((r) => ({ ...r })))
  return { page, unseen: new Carried(known, (x) => page.has(x)) }
}

const todoLayout = (done: unknown[][]) =>
  h(
    'div',
    {},
    h('button', { id: 'add' }),
    h('button', { id: 'clear' }),
    h('dcc.Input', { id: 'new', value: 'n' }),
    h(
      'div',
      { id: 'list' },
      done.map((d, i) => row(i, d))
    ),
    h('div', { id: 'totals' })
  )

describe('a wave on a pattern-matching request that carried only its chain', () => {
  it('clearing done items: the ALL consumers run in the same wave with the shorter list (R22)', async () => {
    const app = todo()
    const full = app.page(todoLayout([['done'], [], ['done'], []]))
    const { page, unseen } = carriedPage(app, full, ['clear.n_clicks'])
    // Not carried: the items' text and what markDone writes.
    expect(page.has(id({ type: 'item', index: 0 }))).toBe(false)
    const o = await app.click(page, 'clear', { unseen })
    console.log(
      JSON.stringify(statuses(o)),
      o.deferred.map((d) => [d.cb.name, d.match, d.changed])
    )
    expect(o.deferred).toEqual([])
    expect(page.value('totals.children')).toBe('0 of 2')
    const whole = await app.click(app.page(todoLayout([['done'], [], ['done'], []])), 'clear')
    expect(statuses(o)).toEqual(statuses(whole))
  })

  it('a MATCH event on one item runs the same calls as with the whole page', async () => {
    const app = todo()
    const layout = todoLayout([[], [], [], []])
    const key = `${id({ type: 'done', index: 1 })}.value`
    const { page, unseen } = carriedPage(app, app.page(layout), [key])
    const o = await app.event(page, { [key]: ['done'] }, { unseen })
    const wholePage = app.page(layout)
    const whole = await app.event(wholePage, { [key]: ['done'] })
    expect(o.deferred).toEqual([])
    expect(statuses(o)).toEqual(statuses(whole))
    for (const k of ['totals.children', `${id({ type: 'preceding', index: 3 })}.children`])
      expect(page.value(k)).toEqual(wholePage.value(k))
  })

  it('hands back an inserted item’s MATCH call that reads a component the request did not carry', async () => {
    const app = new TestApp({ preventInitialCallbacks: true })
    app.callback('fill', Output('box', 'children'), [Input('go', 'n_clicks')], [], () =>
      h('div', { id: id({ type: 'row', index: 5 }) })
    )
    app.callback(
      'row',
      Output({ type: 'row', index: MATCH }, 'children'),
      [Input({ type: 'row', index: MATCH }, 'title')],
      [State('far', 'value')],
      () => 'row',
      { preventInitialCall: false }
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'go' }),
      h('div', { id: 'box' }),
      h('dcc.Input', { id: 'far' })
    )
    const full = app.page(layout)
    const { page, unseen } = carriedPage(app, full, ['go.n_clicks'])
    const o = await app.click(page, 'go', { unseen })
    expect(o.deferred.map((d) => [d.cb.name, d.changed, d.match])).toEqual([['row', [], { index: 5 }]])
    expect(app.count('row')).toBe(0)
  })
})

/** A helper defined away from the callback: the source of the callback does not say `setProps`. */
const notify = (text: string) => setProps('status', { children: text })

describe('setProps through a helper function, on a request that carried only its chain', () => {
  function app() {
    const a = new TestApp({ preventInitialCallbacks: true })
    a.callback('save', Output('out', 'children'), [Input('btn', 'n_clicks')], [], (n: number) => {
      notify(`saved ${n}`)
      return `clicked ${n}`
    })
    a.callback(
      'echo',
      Output('echo', 'children'),
      [Input('status', 'children')],
      [State('far', 'value')],
      (s: string, far: string) => `${s} / ${far}`
    )
    const layout = h(
      'div',
      {},
      h('button', { id: 'btn' }),
      h('div', { id: 'out' }),
      h('div', { id: 'status' }),
      h('div', { id: 'echo' }),
      h('dcc.Input', { id: 'far', value: 'F' })
    )
    return { a, layout }
  }

  it('is not seen by the closure', () => {
    const { a } = app()
    expect([...chainIds(a.graph, ['btn.n_clicks'])!].sort()).toEqual(['btn', 'out'])
  })

  it('writes the component it names, and hands back what that sets off, which then runs once', async () => {
    const { a, layout } = app()
    const { page, unseen } = carriedPage(a, a.page(layout), ['btn.n_clicks'])
    const o = await a.click(page, 'btn', { unseen, shownKind: (x) => (x === 'status' ? 'div' : undefined) })
    expect(statuses(o)).toEqual([['save', 'updated']])
    expect(o.results[0]!.written).toEqual(['status.children', 'out.children'])
    expect(o.deferred.map((d) => [d.cb.name, d.changed])).toEqual([['echo', ['status.children']]])
    expect(a.count('echo')).toBe(0)
    // The browser asks again with the whole page: the handed-back call runs there, once.
    const whole = a.page(layout)
    whole.set('status.children', 'saved 1')
    const re = await runWave({
      graph: a.graph,
      page: whole,
      start: [{ cb: o.deferred[0]!.cb, changed: o.deferred[0]!.changed }],
      prevent: a.prevent,
      scan: a.scanner,
    })
    expect(statuses(re)).toEqual([['echo', 'updated']])
    expect(whole.value('echo.children')).toBe('saved 1 / F')
    expect([a.count('save'), a.count('echo')]).toEqual([1, 1])
  })

  it('refuses, naming the fix, a Patch of a component the request did not carry', async () => {
    const a = new TestApp({ preventInitialCallbacks: true })
    a.callback('grow', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => {
      setHelper('cfg', { data: new Patch().set('x', 1) })
      return 'ok'
    })
    a.callback('use', Output('used', 'children'), [Input('cfg', 'data')], [], (d) => JSON.stringify(d))
    const layout = h('div', {}, h('button', { id: 'btn' }), h('div', { id: 'out' }), h('div', { id: 'cfg' }))
    const { page, unseen } = carriedPage(a, a.page(layout), ['btn.n_clicks'])
    const o = await a.click(page, 'btn', { unseen, shownKind: (x) => (x === 'cfg' ? 'div' : undefined) })
    expect(statuses(o)).toEqual([['grow', 'error']])
    expect(o.results[0]!.error!.message).toBe(
      "The callback grow returned a Patch for 'cfg.data' (a div) that cannot be applied: this event's request " +
        "did not carry 'cfg', so the server does not hold its current value. Make 'cfg.data' a State of this " +
        'callback (then its events carry it), or set the whole value.'
    )
  })
})

const setHelper = (x: string, props: Record<string, unknown>) => setProps(x, props)

describe('a Patch given to setProps on a component the request did not carry', () => {
  function app(readLog: boolean) {
    const a = new TestApp({ preventInitialCallbacks: true })
    a.callback('log', Output('out', 'children'), [Input('btn', 'n_clicks')], [], () => {
      setHelper('log', { children: new Patch().append(h('p', {}, 'one more')) })
      return 'ok'
    })
    if (readLog) a.callback('count', Output('n', 'children'), [Input('log', 'children')], [], () => 'n')
    const layout = h('div', {}, h('button', { id: 'btn' }), h('div', { id: 'out' }), h('div', { id: 'log' }))
    const { page, unseen } = carriedPage(a, a.page(layout), ['btn.n_clicks'])
    return a.click(page, 'btn', {
      unseen,
      shownKind: (x) => (x === 'log' ? 'div' : undefined),
      forms: { toData: (v) => v, fromData: (v) => v, single: () => true, editable: () => true },
    })
  }

  it('applies as list edits of its children, which need no current value', async () => {
    const o = await app(false)
    expect(statuses(o)).toEqual([['log', 'updated']])
    expect(o.results[0]!.edits?.get('log.children')).toEqual([
      { edit: 'append', items: [h('p', {}, 'one more')] },
    ])
  })

  it('is refused when a callback reads those children (the page signs them: their value is needed)', async () => {
    const o = await app(true)
    expect(statuses(o)).toEqual([['log', 'error']])
    expect(o.results[0]!.error!.message).toBe(
      "The callback log returned a Patch for 'log.children' (a div) that cannot be applied: this event's " +
        "request did not carry 'log', so the server does not hold its current value. Make 'log.children' a " +
        'State of this callback (then its events carry it), or set the whole value.'
    )
  })
})

it('parseDictId reads what selectorOf writes', () => {
  expect(parseDictId(selectorOf(Input({ type: 'a', index: MATCH }, 'value'), { index: 2 }))).toEqual({
    type: 'a',
    index: 2,
  })
})
