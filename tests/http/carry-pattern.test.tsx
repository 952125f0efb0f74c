/**
 * @module carry-pattern.test
 * Pattern-matching events carry only what their chain can read (`hd-carry` with selectors,
 * src/core/carry.ts): the request of an event on one item of examples/todo.tsx and
 * examples/dynamic-filters.tsx holds what its MATCH, ALLSMALLER and ALL callbacks read and write,
 * and its answer is the one the whole page would get. And a `setProps` made through a helper
 * function, which the closure cannot see: what it sets off is asked for again with the whole page.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output, setProps, State } from '../../src/index.ts'
import { renderPage, type Fragment, type TestPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'
import { app as todo } from '../../examples/todo.tsx'
import { app as filters } from '../../examples/dynamic-filters.tsx'

const item = (type: string, index: number) => JSON.stringify({ index, type })

/** The todo page with `n` items, the even ones done. */
async function todoWith(n: number): Promise<TestPage> {
  const page = await renderPage(todo)
  for (let i = 0; i < n; i++) {
    page.setValue('new-item', `task ${i}`)
    await page.click('add')
  }
  for (let i = 0; i < n; i += 2) await page.fill(item('done', i), ['done'])
  return page
}

/**
 * The html a `children` fragment gives `id` (fragments are compared, not the page: this test DOM does
 * not apply swaps to dict ids; tests/browser/todo.test.ts sees them in Chromium).
 */
const html = (fragments: Fragment[], id: string) =>
  fragments.flatMap((f) => (f.swap === 'children' && f.id === id ? [f.html] : []))[0]

/** Fragments with signatures blanked (each signature holds the time it was made). */
const norm = (fragments: Fragment[]): unknown =>
  JSON.parse(
    JSON.stringify(fragments)
      .replace(/data-hd-sig=\\"[^"\\]*\\"/g, 'data-hd-sig=\\"<sig>\\"')
      .replace(/"data-hd-sig":"[^"]*"/g, '"data-hd-sig":"<sig>"')
  )

/** The same event sent twice from twin pages: as the page builds it, and with the whole page. */
async function both(
  make: () => Promise<TestPage>,
  event: { click: string } | { id: string; value: unknown }
) {
  const carried = await make()
  const res = await carried.dispatch(event)
  const whole = await make()
  const body = await whole.prepare(event, { wholePage: true })
  const all = await whole.send(body)
  return { carried, res, whole, all }
}

describe('todo (examples/todo.tsx)', () => {
  it('lists the item’s own ids and the selectors of its ALL/ALLSMALLER consumers', async () => {
    const page = await todoWith(2)
    expect(page.attr(item('done', 1), 'hd-carry')!.split(' ').sort()).toEqual([
      'totals',
      '{"index":1,"type":"done"}',
      '{"index":1,"type":"item"}',
      '{"index":1,"type":"preceding"}',
      '{"index":["ALL"],"type":"done"}',
      '{"index":["ALL"],"type":"preceding"}',
    ])
  })

  it('a checkbox of one item: only its chain travels, and the answer is the whole page’s', async () => {
    const n = 12
    const { carried, res, whole, all } = await both(() => todoWith(n), {
      id: item('done', 5),
      value: ['done'],
    })
    // Every done box and preceding count (ALL, ALLSMALLER), item 5, and the totals.
    expect(Object.keys(res.request.components).length).toBe(2 * n + 2)
    expect(Object.keys(all.request.components).length).toBe(3 * n + 5)
    expect(norm(res.fragments)).toEqual(norm(all.fragments))
    expect(res.fragments.length).toBeGreaterThan(2)
    expect(html(res.fragments, 'totals')).toBe(`${n / 2 + 1} of ${n} items completed - 58%`)
    expect(carried.requests.length).toBe(whole.requests.length) // no request asked again
  })

  it('clearing the done items: the totals follow the shorter list in the same answer (R22)', async () => {
    const { carried, whole, res, all } = await both(() => todoWith(6), { click: 'clear-done' })
    expect(norm(res.fragments)).toEqual(norm(all.fragments))
    expect(html(res.fragments, 'totals')).toBe('0 of 3 items completed - 0%')
    expect(carried.requests.length).toBe(whole.requests.length) // no request asked again
  })

  it('adding an item: its MATCH callbacks run and it joins the ALL list (R20)', async () => {
    const { carried, res, all } = await both(
      async () => {
        const p = await todoWith(4)
        p.setValue('new-item', 'last')
        return p
      },
      { click: 'add' }
    )
    expect(norm(res.fragments)).toEqual(norm(all.fragments))
    expect(html(res.fragments, 'totals')).toBe('2 of 5 items completed - 40%')
    expect(html(res.fragments, 'list-container')).toContain('2 of 4 preceding items are done')
  })
})

describe('dynamic filters (examples/dynamic-filters.tsx)', () => {
  async function withFilters(n: number) {
    const page = await renderPage(filters)
    for (let i = 0; i < n; i++) await page.click('add-filter')
    return page
  }

  it('a dropdown: its own output and the dropdowns the summary lists, as with the whole page', async () => {
    const { carried, res, all } = await both(() => withFilters(8), {
      id: item('filter-dropdown', 3),
      value: 'MTL',
    })
    expect(Object.keys(res.request.components).sort()).toEqual(
      [
        ...Array.from({ length: 8 }, (_, i) => item('filter-dropdown', i)),
        item('filter-output', 3),
        'summary',
      ].sort()
    )
    expect(norm(res.fragments)).toEqual(norm(all.fragments))
    expect(html(res.fragments, item('filter-output', 3))).toContain('MTL')
  })
})

/** Defined away from the callback: the callback's own source does not call setProps. */
function report(text: string) {
  setProps('status', { children: text })
}

/** Empties the name input: a dcc.Input, rendered again from all its props. */
function clearName() {
  setProps('name', { value: '' })
}

describe('setProps through a helper function', () => {
  const app = createApp({
    secret: 'http-carry-pattern-secret-0123456789',
    preventInitialCallbacks: true,
    dev: true,
    logger: { error() {}, warn() {}, info() {} },
    layout: (
      <div>
        <button id="save">Save</button>
        <button id="reset">Reset</button>
        <button id="clear">Clear</button>
        <div id="out" />
        <div id="status">idle</div>
        <div id="echo" />
        <dcc.Input id="name" value="Ada" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), Input('save', 'n_clicks'), function save(n) {
    report(`saved ${n}`)
    return `clicked ${n}`
  })
  app.callback(
    Output('echo', 'children'),
    [Input('status', 'children')],
    [State('name', 'value')],
    function echo(s, name) {
      return `${String(s)} by ${String(name)}`
    }
  )
  app.callback(Output('status', 'children'), Input('reset', 'n_clicks'), () => 'idle')
  app.callback(Output('out', 'title'), Input('clear', 'n_clicks'), function clear() {
    clearName()
    return 'cleared'
  })

  it('the status is written, and the callback it sets off is asked for again with the whole page', async () => {
    const page = await renderPage(app)
    expect(page.attr('save', 'hd-carry')).toBe('save out')
    await page.click('save')
    const [first, again] = page.requests
    expect(Object.keys(first!.request.components).sort()).toEqual(['out', 'save'])
    expect(norm(first!.fragments)).toEqual([
      { swap: 'children', id: 'status', cbs: [0], html: 'saved 1' },
      {
        swap: 'attr',
        id: 'status',
        cbs: [0],
        attrs: {
          'data-hd': '{"kind":"div","props":{"children":"saved 1"},"read":{}}',
          'data-hd-sig': '<sig>',
        },
      },
      { swap: 'children', id: 'out', cbs: [0], html: 'clicked 1' },
      { swap: 'meta', deferred: [[1, ['status.children']]] },
    ])
    expect(again!.request.reask).toEqual([{ callback: 1, changed: ['status.children'] }])
    expect(again!.fragments).toEqual([{ swap: 'children', id: 'echo', cbs: [1], html: 'saved 1 by Ada' }])
    expect(page.requests.length).toBe(2)
    expect([page.text('out'), page.text('status'), page.text('echo')]).toEqual([
      'clicked 1',
      'saved 1',
      'saved 1 by Ada',
    ])
  })

  it('a component rendered again from all its props, not carried: an error naming the fix', async () => {
    const page = await renderPage(app)
    const res = await page.click('clear')
    expect(res.fragments.map((f) => f.swap)).toEqual(['error'])
    expect(res.fragments[0]!.swap === 'error' && res.fragments[0]!.text).toContain(
      "The callback clear called setProps('name', { value: … }), but this event's request did not carry 'name' " +
        '(no Input, State or Output of the callbacks its event sets off names it) and a dcc.Input is rendered ' +
        "again from all its props, and the server holds only those setProps gave. Declare 'name' in the " +
        "callback, as a State (State('name', 'value')) or as an Output with allowDuplicate that returns " +
        'noUpdate, so that its events carry it.'
    )
    expect(page.value('name')).toBe('Ada')
  })
})
