/**
 * @module patch.test
 * `Patch` over HTTP (R33, issue 13): applied by the server to the value the page holds, sent as list
 * edits where the page can take them, with the signed state sent as the part that changed; the
 * bytes on the wire for one item appended to a 10,000-item list, measured against sending the list.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output, Patch, setProps } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'
import { app as patchList } from '../../examples/patch-list.tsx'

const secret = 'http-patch-secret-0123456789abcdef'
const quiet = { error() {}, warn() {}, info() {} }
const REQUEST_ID = /(Request|Reference:) [\w-]{8}\./g
const swaps = (fragments: Fragment[]) =>
  fragments.map((f) =>
    f.swap === 'error'
      ? 'error'
      : f.swap === 'meta'
        ? 'meta'
        : f.swap === 'edit'
          ? `edit ${f.id} ${f.edit}`
          : `${f.swap} ${f.id}`
  )
const errors = (fragments: Fragment[]) =>
  fragments.flatMap((f) => (f.swap === 'error' ? [f.text.replace(REQUEST_ID, '$1 <id>.')] : []))

describe('examples/patch-list.tsx', () => {
  it('appends one item, counts what the page holds, clears', async () => {
    const page = await renderPage(patchList)
    expect(page.text('count')).toBe('0 items on the page')
    const res = await page.click('add')
    expect(swaps(res.fragments)).toEqual(['edit list append', 'attr list', 'children count'])
    expect(res.fragments[0]).toEqual({
      swap: 'edit',
      id: 'list',
      cbs: [0],
      edit: 'append',
      html: '<li>Item 1</li>',
    })
    expect(res.fragments[2]).toEqual({ swap: 'children', id: 'count', cbs: [2], html: '1 item on the page' })
    await page.click('add')
    expect(page.innerHTML('list')).toBe('<li>Item 1</li><li>Item 2</li>')
    expect(page.text('count')).toBe('2 items on the page')
    const cleared = await page.click('clear')
    expect(swaps(cleared.fragments)).toEqual(['edit list clear', 'attr list', 'children count'])
    expect(page.innerHTML('list')).toBe('')
    expect(page.text('count')).toBe('0 items on the page')
  })
})

function listApp(n: number, mode: 'patch' | 'whole') {
  const items = Array.from({ length: n }, (_, i) => <li>{String(i + 1)}</li>)
  const app = createApp({
    secret,
    logger: quiet,
    layout: (
      <div>
        <button id="add">add</button>
        <button id="edit">edit</button>
        <p id="count" />
        <ul id="list">{items}</ul>
      </div>
    ),
  })
  const all = [...items]
  app.callback(
    Output('list', 'children'),
    [Input('add', 'n_clicks')],
    (k) => {
      if (mode === 'whole') return (all.push(<li>{`new ${k}`}</li>), [...all])
      return new Patch().append(<li>{`new ${k}`}</li>)
    },
    { preventInitialCall: true }
  )
  app.callback(
    Output('count', 'children'),
    [Input('list', 'children')],
    (c) => `${(c as unknown[]).length} items`
  )
  return app
}

describe('a Patch on a large list', () => {
  it('sends the new item and the part of the signed state that changed, not the 10,000 items', async () => {
    const sizes: Record<string, number> = {}
    for (const mode of ['patch', 'whole'] as const) {
      const page = await renderPage(listApp(10_000, mode))
      expect(page.text('count')).toBe('10000 items')
      const res = await page.click('add')
      sizes[mode] = Buffer.byteLength(res.html)
      sizes[`${mode} request`] = Buffer.byteLength(JSON.stringify(res.request))
      expect(page.text('count')).toBe('10001 items')
      if (mode === 'patch') {
        // The state the page now holds verifies: the next request is accepted and sees 10,002 items.
        const next = await page.click('add')
        expect(next.status).toBe(200)
        expect(page.text('count')).toBe('10002 items')
        expect(swaps(res.fragments)).toEqual(['edit list append', 'state list', 'children count'])
        const state = res.fragments[1]!
        expect(state.swap === 'state' && state.insert).toBe(',{"type":"li","props":{"children":"new 1"}}')
      } else expect(swaps(res.fragments)).toEqual(['children list', 'state list', 'children count'])
    }
    console.info(
      `Patch on a 10,000-item list, one item appended: answer ${sizes['patch']} B (whole list: ${sizes['whole']} B); ` +
        `request ${sizes['patch request']} B (the list's signed state travels in it)`
    )
    expect(sizes['patch']).toBeLessThan(1_000)
    expect(sizes['whole']).toBeGreaterThan(100_000)
  }, 180_000)
})

describe('Patch edits and fallbacks', () => {
  function app() {
    const a = createApp({
      secret,
      dev: true,
      logger: quiet,
      layout: (
        <div>
          <button id="btn">go</button>
          <ul id="list">
            <li>a</li>
            <li>b</li>
            <li>c</li>
          </ul>
          <p id="seen" />
          <div id="plain" />
          <dcc.Checklist id="check" options={['x']} value={[]} />
        </div>
      ),
    })
    const steps: (() => unknown)[] = [
      () => new Patch().del(-1),
      () => new Patch().insert(-1, <li>z</li>),
      () => new Patch().remove({ type: 'li', props: { children: 'a' } }),
      () => new Patch().reverse(),
      () => (
        setProps('list', { children: new Patch().prepend(<li>first</li>) }),
        new Patch().set(0, <li>zero</li>)
      ),
    ]
    a.callback(Output('list', 'children'), [Input('btn', 'n_clicks')], (n) => steps[(n as number) - 1]!(), {
      preventInitialCall: true,
    })
    a.callback(
      Output('seen', 'children'),
      [Input('list', 'children')],
      (c) => `${(c as unknown[]).length} items`,
      {
        preventInitialCall: true,
      }
    )
    a.callback(
      [Output('plain', 'title'), Output('check', 'options')],
      [Input('check', 'value')],
      () => [new Patch().append('x'), new Patch().append('y')],
      { preventInitialCall: true }
    )
    return a
  }

  it('index edits on a list of elements, a whole list when no edit expresses it, setProps first', async () => {
    const page = await renderPage(app())
    const expected: [string[], string][] = [
      [['edit list remove 2', 'attr list', 'children seen'], '<li>a</li><li>b</li>'],
      [['edit list insert 1', 'attr list', 'children seen'], '<li>a</li><li>z</li><li>b</li>'],
      [['edit list remove 0', 'attr list', 'children seen'], '<li>z</li><li>b</li>'],
      [['children list', 'attr list', 'children seen'], '<li>b</li><li>z</li>'],
      [
        ['edit list prepend', 'edit list replace 0', 'attr list', 'children seen'],
        '<li>zero</li><li>b</li><li>z</li>',
      ],
    ]
    for (const [fragments, html] of expected) {
      const res = await page.click('btn')
      expect(swaps(res.fragments)).toEqual(fragments)
      expect(page.innerHTML('list')).toBe(html)
    }
    expect(page.text('seen')).toBe('3 items')
  })

  it('a prop the server does not hold cannot be patched ("Cannot patch undefined")', async () => {
    const page = await renderPage(app())
    const res = await page.fill('check', ['x'])
    expect(errors(res.fragments)).toEqual([
      'Callback error updating plain.title, check.options In the callback ..plain.title...check.options..: The ' +
        "callback ..plain.title...check.options.. returned a Patch for 'plain.title' (a div) that cannot be " +
        'applied: Cannot patch undefined: the server does not hold its current value. Make it a State of this ' +
        'callback (then it travels with the page), or set the whole value. Request <id>. Its outputs were left as ' +
        'they were, and nothing that depends on them ran. These details show in development only.',
    ])
  })
})

describe('a Patch of a component prop', () => {
  it('is applied to the props its state carries and the component is rendered again', async () => {
    const a = createApp({
      secret,
      logger: quiet,
      layout: (
        <div>
          <button id="btn">go</button>
          <dcc.Checklist id="check" options={['x']} value={[]} />
        </div>
      ),
    })
    a.callback(
      Output('check', 'options'),
      [Input('btn', 'n_clicks')],
      (n) => new Patch().append(`opt ${n}`),
      {
        preventInitialCall: true,
      }
    )
    const page = await renderPage(a)
    const res = await page.click('btn')
    expect(swaps(res.fragments)).toEqual(['morph check'])
    await page.click('btn')
    expect(page.text('check')).toBe('xopt 1opt 2')
  })
})
