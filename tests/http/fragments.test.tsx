/**
 * @module fragments.test
 * The update route's answers, exactly: one out-of-band `<template hx-swap-oob="hd">` per changed
 * output (children, attributes, or a re-rendered dcc component), `noUpdate` per position, and 204
 * when nothing changes. Requests are built from the rendered page by `hyperdash/testing`.
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, noUpdate, Output, PreventUpdate, ref, State } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

const secret = 'http-fragments-test-secret-0123456789'
// Signatures hold their issue time (state.ts): a fixed clock keeps them the same on every run.
vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const quiet = { error() {}, warn() {}, info() {} }

describe('children', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="btn">go</button>
        <div id="text">before</div>
      </div>
    ),
  })
  app.callback(Output('text', 'children'), [Input('btn', 'n_clicks')], (n) => {
    if (n == null) return 'not clicked'
    if (n === 1) return 'clicked once'
    return (
      <p class="count">
        clicked <b>{n}</b> times {'<script>alert(1)</script>'}
      </p>
    )
  })

  it('shows the initial call in the first page', async () => {
    const page = await renderPage(app)
    expect(page.innerHTML('text')).toBe('not clicked')
  })

  it('replaces the children of the output with text', async () => {
    const page = await renderPage(app)
    const res = await page.click('btn')
    expect(res.request.changed).toEqual(['btn.n_clicks'])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(res.html).toBe(
      '<template id="text" hx-swap-oob="hd" hd-children="" hd-cb="0">clicked once</template>'
    )
    expect(page.text('text')).toBe('clicked once')
  })

  it('replaces them with markup, every text escaped', async () => {
    const page = await renderPage(app)
    await page.click('btn')
    const res = await page.click('btn')
    expect(res.html).toBe(
      '<template id="text" hx-swap-oob="hd" hd-children="" hd-cb="0"><p class="count">clicked <b>2</b> times ' +
        '&lt;script&gt;alert(1)&lt;/script&gt;</p></template>'
    )
    expect(page.text('text')).toBe('clicked 2 times <script>alert(1)</script>')
  })
})

describe('attribute props', () => {
  const box = ref('div', 'box')
  const target = ref('button', 'target')
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="btn">go</button>
        <div id="box" class="a" style={{ color: 'red' }}>
          box
        </div>
        <button id="target" disabled>
          target
        </button>
      </div>
    ),
  })
  app.callback(
    [Output(box, 'style'), Output(box, 'className'), Output(box, 'hidden'), Output(target, 'disabled')],
    [Input('btn', 'n_clicks')],
    (n) => (n ? [{ color: 'blue', fontSize: '12px' }, 'b c', true, false] : noUpdate)
  )

  it('sets each attribute, and removes one set to false', async () => {
    const page = await renderPage(app)
    expect(page.attr('target', 'disabled')).toBe('')
    const res = await page.click('btn')
    expect(res.fragments).toEqual([
      { swap: 'attr', id: 'box', cbs: [0], attrs: { style: 'color:blue;font-size:12px' } },
      { swap: 'attr', id: 'box', cbs: [0], attrs: { class: 'b c' } },
      { swap: 'attr', id: 'box', cbs: [0], attrs: { hidden: '' } },
      { swap: 'attr', id: 'target', cbs: [0], attrs: { disabled: null } },
    ])
    expect(res.html).toBe(
      '<template id="box" hx-swap-oob="hd" hd-attr="style" hd-cb="0"><i style="color:blue;font-size:12px"></i></template>' +
        '<template id="box" hx-swap-oob="hd" hd-attr="class" hd-cb="0"><i class="b c"></i></template>' +
        '<template id="box" hx-swap-oob="hd" hd-attr="hidden" hd-cb="0"><i hidden=""></i></template>' +
        '<template id="target" hx-swap-oob="hd" hd-attr="disabled" hd-cb="0"><i></i></template>'
    )
    expect([page.attr('box', 'style'), page.attr('box', 'class'), page.attr('box', 'hidden')]).toEqual([
      'color:blue;font-size:12px',
      'b c',
      '',
    ])
    expect(page.attr('target', 'disabled')).toBe(null)
    expect(page.text('box')).toBe('box')
  })
})

describe('dcc components', () => {
  const num = ref(dcc.Input, 'num')
  const level = ref(dcc.Slider, 'level')
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="btn">go</button>
        <dcc.Input id={num.id} type="number" value={1} />
        <dcc.Slider id={level.id} min={0} max={10} value={3} />
      </div>
    ),
  })
  const btn = ref('button', 'btn')
  app.callback([Output(num, 'value'), Output(level, 'max')], [Input(btn, 'n_clicks')], (n) =>
    n ? [n * 10, 100] : noUpdate
  )

  it('are re-rendered whole (the browser morphs them), with their new signed state', async () => {
    const page = await renderPage(app)
    expect(page.value('num')).toBe(1)
    const res = await page.click('btn')
    expect(res.fragments.map((f) => [f.swap, 'id' in f && f.id])).toEqual([
      ['morph', 'num'],
      ['morph', 'level'],
    ])
    expect(res.html.slice(0, res.html.indexOf('<template id="level"'))).toBe(
      '<template id="num" hx-swap-oob="hd" hd-morph="" hd-cb="0">' +
        // step="any": Dash's default for number inputs (1.5 is a valid value)
        '<input id="num" type="number" value="10" step="any" name="hd:num.value" form="hd-app-form" ' +
        'data-hd="{&quot;kind&quot;:&quot;dcc.Input&quot;,&quot;props&quot;:{&quot;type&quot;:&quot;number&quot;},&quot;read&quot;:{&quot;value&quot;:&quot;number&quot;}}" ' +
        'data-hd-sig="t85s00.jrMKOyMM0DTPVp60Rjd03J4Q6XT"/>' +
        '</template>'
    )
    expect(page.value('num')).toBe(10)
    expect(page.components['level']).toEqual({
      kind: 'dcc.Slider',
      props: { min: 0, max: 100 },
      // the value travels even though no callback reads it, so a re-render keeps it
      values: { value: 3 },
      parent: null,
    })
  })
})

describe('several outputs', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <dcc.Input id="in" value="" />
        <div id="a">a</div>
        <div id="b">b</div>
        <div id="c">c</div>
      </div>
    ),
  })
  app.callback(
    [Output('a', 'children'), Output('b', 'children'), Output('c', 'children')],
    [Input('in', 'value')],
    (v) => {
      if (v === '') return noUpdate
      if (v === 'all-no-update') return [noUpdate, noUpdate, noUpdate]
      if (v === 'prevent') throw new PreventUpdate()
      return [noUpdate, `b=${v}`, noUpdate]
    },
    { preventInitialCall: true }
  )

  it('send only the positions that are not noUpdate', async () => {
    const page = await renderPage(app)
    const res = await page.fill('in', 'x')
    expect(res.html).toBe('<template id="b" hx-swap-oob="hd" hd-children="" hd-cb="0">b=x</template>')
    expect([page.text('a'), page.text('b'), page.text('c')]).toEqual(['a', 'b=x', 'c'])
  })

  it.each([
    ['noUpdate for the whole result', ''],
    ['noUpdate in every position', 'all-no-update'],
    ['PreventUpdate', 'prevent'],
  ])('answer 204 with no body for %s', async (_, value) => {
    const page = await renderPage(app)
    const res = await page.fill('in', value)
    expect(res.status).toBe(204)
    expect(res.html).toBe('')
    expect(res.fragments).toEqual([])
    expect([page.text('a'), page.text('b'), page.text('c')]).toEqual(['a', 'b', 'c'])
  })
})

describe('server-owned props read back by callbacks', () => {
  const app = createApp({
    secret,
    logger: quiet,
    layout: (
      <div>
        <button id="save">save</button>
        <button id="show">show</button>
        <dcc.Input id="in" value="first" />
        <div id="store" />
        <div id="out" />
      </div>
    ),
  })
  app.callback(Output('store', 'children'), [Input('save', 'n_clicks')], [State('in', 'value')], (n, v) =>
    n ? `saved ${v}` : noUpdate
  )
  app.callback(
    Output('out', 'children'),
    [Input('show', 'n_clicks')],
    [State('store', 'children')],
    (n, s) => (n ? `the store says: ${s}` : noUpdate)
  )

  it('travel in the page, re-signed when a callback writes them', async () => {
    const page = await renderPage(app)
    const before = page.attr('store', 'data-hd-sig')
    const res = await page.click('save')
    expect(res.fragments.map((f) => f.swap)).toEqual(['children', 'attr'])
    expect(res.fragments[1]).toMatchObject({
      swap: 'attr',
      id: 'store',
      attrs: { 'data-hd': '{"kind":"div","props":{"children":"saved first"},"read":{}}' },
    })
    expect(page.attr('store', 'data-hd-sig')).not.toBe(before)
    page.setValue('in', 'second')
    const shown = await page.click('show')
    expect(shown.html).toBe(
      '<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="1">the store says: saved first</template>'
    )
  })
})
