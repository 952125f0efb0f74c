/**
 * @module side-updates.test
 * Issue 13 over HTTP: `setProps` (R34), `onError` (R30), `allowDuplicate` and `running` (R35), with
 * the exact fragments a page gets.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output, noUpdate, setProps, State } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'
import { app as setPropsExample } from '../../examples/set-props.tsx'

const secret = 'http-side-updates-secret-0123456789'
const quiet = { error() {}, warn() {}, info() {} }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const REQUEST_ID = /(Request|Reference:) [\w-]{8}\./g
const errors = (fragments: Fragment[]) =>
  fragments.flatMap((f) => (f.swap === 'error' ? [f.text.replace(REQUEST_ID, '$1 <id>.')] : []))
const swaps = (fragments: Fragment[]) =>
  fragments.map((f) => (f.swap === 'error' ? 'error' : f.swap === 'meta' ? 'meta' : `${f.swap} ${f.id}`))

describe('setProps', () => {
  it('a callback with no outputs that only calls setProps answers with those swaps (examples/set-props.tsx)', async () => {
    const page = await renderPage(setPropsExample)
    expect(page.attr('toast', 'hidden')).toBe('')
    const res = await page.click('notify')
    expect(res.status).toBe(200)
    expect(res.fragments).toEqual([
      { swap: 'children', id: 'toast', cbs: [0], html: 'Saved' },
      { swap: 'attr', id: 'toast', cbs: [0], attrs: { hidden: null } },
    ])
    expect(page.text('toast')).toBe('Saved')
    expect(page.attr('toast', 'hidden')).toBeNull()
  })

  function sideApp() {
    const app = createApp({
      secret,
      dev: true,
      logger: quiet,
      layout: (
        <div>
          <button id="btn">go</button>
          <div id="out">out</div>
          <div id="a">a</div>
          <div id="b">b</div>
          <div id="t">t</div>
          <dcc.Input id="num" type="number" value={1} />
        </div>
      ),
    })
    app.callback(
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      function side(n) {
        if (n === 1) setProps('num', { value: 5 })
        if (n === 2) (setProps('t', { children: 'first' }), setProps('t', { title: 'merged' }))
        if (n === 3) setProps('nope', { children: 'x' })
        if (n === 4) setProps('num', { colour: 'red' })
        if (n === 5) setProps('num', { type: 'bogus' })
        if (n === 6) setProps('num', { value: 7, max: 10 })
        return noUpdate
      },
      { preventInitialCall: true }
    )
    app.callback(Output('b', 'children'), [Input('num', 'value')], (v) => `b saw ${String(v)}`, {
      preventInitialCall: true,
    })
    return app
  }

  it('applies side updates even when every output is noUpdate, and runs the callbacks they feed', async () => {
    const page = await renderPage(sideApp())
    const res = await page.click('btn')
    expect(swaps(res.fragments)).toEqual(['morph num', 'children b'])
    expect(res.fragments[1]).toEqual({ swap: 'children', id: 'b', cbs: [1], html: 'b saw 5' })
    expect([page.text('out'), page.value('num'), page.text('b')]).toEqual(['out', 5, 'b saw 5'])
  })

  it('merges repeated calls for one id, on a component no callback involves', async () => {
    const page = await renderPage(sideApp())
    await page.click('btn')
    const res = await page.click('btn')
    expect(res.fragments).toEqual([
      { swap: 'children', id: 't', cbs: [0], html: 'first' },
      { swap: 'attr', id: 't', cbs: [0], attrs: { title: 'merged' } },
    ])
  })

  it('sets a component’s props through its render (a morph), checked against its schema', async () => {
    const page = await renderPage(sideApp())
    for (let i = 1; i < 6; i++) await page.click('btn')
    const res = await page.click('btn')
    expect(swaps(res.fragments)).toEqual(['morph num', 'children b'])
    expect(page.attr('num', 'max')).toBe('10')
    expect(page.value('num')).toBe(7)
  })

  it.each([
    [3, "there is no component 'nope' on the page"],
    [4, "a dcc.Input has no prop 'colour'"],
    [
      5,
      'a dcc.Input does not accept this value: Invalid option: expected one of "text"|"number"|"password"|"email"|"search"|"tel"|"url"|"range"|"hidden"',
    ],
  ])(
    'refuses what the page cannot take (click %i) with an error naming the id and the prop',
    async (n, why) => {
      const page = await renderPage(sideApp())
      for (let i = 1; i < n; i++) await page.click('btn')
      const res = await page.click('btn')
      const prop = n === 3 ? 'children' : n === 4 ? 'colour' : 'type'
      const id = n === 3 ? 'nope' : 'num'
      expect(errors(res.fragments)).toEqual([
        `Callback error updating out.children In the callback side: The callback side called setProps('${id}', ` +
          `{ ${prop}: … }), but ${why}. setProps may only set props that the components on the page have. ` +
          'Request <id>. Its outputs were left as they were, and nothing that depends on them ran. These details ' +
          'show in development only.',
      ])
      expect(swaps(res.fragments)).toEqual(['error'])
    }
  )

  it('refuses setProps outside a callback', () => {
    expect(() => setProps('a', { children: 'x' })).toThrow(
      'setProps() was called outside a callback. It updates components as a side effect of a callback run: ' +
        'call it inside the callback function (or its onError).'
    )
  })
})

describe('onError', () => {
  function errorApp(appWide: boolean) {
    const seen: string[] = []
    const app = createApp({
      secret,
      logger: quiet,
      onError: appWide
        ? (err, ctx) => {
            seen.push(`app: ${(err as Error).message} from ${ctx.triggeredId}`)
            return 'app recovered'
          }
        : undefined,
      layout: (
        <div>
          <button id="btn">go</button>
          <div id="out">out</div>
          <div id="toast" hidden>
            toast
          </div>
        </div>
      ),
    })
    app.callback(
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      function fails(n) {
        throw new Error(`failed ${n}`)
      },
      {
        preventInitialCall: true,
        onError: appWide
          ? undefined
          : (err, ctx) => {
              seen.push(`own: ${(err as Error).message} from ${ctx.triggeredId}`)
              setProps('toast', { children: 'Something failed', hidden: false })
              return (ctx.inputs['btn.n_clicks'] as number) > 1 ? null : 'recovered'
            },
      }
    )
    return { app, seen }
  }

  it('per callback: gets the error and the context; its value is the output; setProps works in it', async () => {
    const { app, seen } = errorApp(false)
    const page = await renderPage(app)
    const res = await page.click('btn')
    expect(res.fragments).toEqual([
      { swap: 'children', id: 'toast', cbs: [0], html: 'Something failed' },
      { swap: 'attr', id: 'toast', cbs: [0], attrs: { hidden: null } },
      { swap: 'children', id: 'out', cbs: [0], html: 'recovered' },
    ])
    expect(seen).toEqual(['own: failed 1 from btn'])
    // Returning nothing: noUpdate for the outputs (the side updates still land).
    const again = await page.click('btn')
    expect(swaps(again.fragments)).toEqual(['children toast', 'attr toast'])
    expect(page.text('out')).toBe('recovered')
  })

  it('app-wide, for callbacks without their own', async () => {
    const { app, seen } = errorApp(true)
    const page = await renderPage(app)
    const res = await page.click('btn')
    expect(res.fragments).toEqual([{ swap: 'children', id: 'out', cbs: [0], html: 'app recovered' }])
    expect(seen).toEqual(['app: failed 1 from btn'])
  })
})

describe('allowDuplicate', () => {
  it('refuses an accidental duplicate with a message naming allowDuplicate', () => {
    const app = createApp({ secret, logger: quiet, layout: <div /> })
    app.callback(Output('out', 'children'), [Input('a', 'n_clicks')], () => 'a')
    expect(() =>
      app.callback(Output('out', 'children'), [Input('b', 'n_clicks')], function second() {
        return 'b'
      })
    ).toThrow(
      'Output `out.children` is set by two callbacks (out.children, second). Each output may have only one ' +
        'callback: merge them into one callback with several outputs, and use `ctx.triggeredId` to tell the ' +
        "triggers apart, or, if several callbacks must write it, pass `Output('out', 'children', { allowDuplicate: true })`."
    )
  })

  it('lets several callbacks write one prop; in one request the one that finishes last wins', async () => {
    const app = createApp({
      secret,
      logger: quiet,
      layout: (
        <div>
          <button id="btn">go</button>
          <div id="out">out</div>
          <button id="other">other</button>
        </div>
      ),
    })
    app.callback(
      Output('out', 'children'),
      [Input('btn', 'n_clicks')],
      async function slow() {
        await sleep(60)
        return 'slow'
      },
      { preventInitialCall: true }
    )
    app.callback(
      Output('out', 'children', { allowDuplicate: true }),
      [Input('btn', 'n_clicks')],
      async function fast() {
        await sleep(5)
        return 'fast'
      },
      { preventInitialCall: true }
    )
    app.callback(
      Output('out', 'children', { allowDuplicate: true }),
      [Input('other', 'n_clicks')],
      () => 'other',
      { preventInitialCall: true }
    )
    expect(app.graph.callbacks.map((c) => c.id)).toEqual([
      'out.children',
      expect.stringMatching(/^out\.children@[0-9a-f]{8}$/),
      expect.stringMatching(/^out\.children@[0-9a-f]{8}$/),
    ])
    const page = await renderPage(app)
    const res = await page.click('btn')
    expect(res.fragments).toEqual([{ swap: 'children', id: 'out', cbs: [1, 0], html: 'slow' }])
    await page.click('other')
    expect(page.text('out')).toBe('other')
  })
})

describe('running', () => {
  it('the element whose event runs the callback carries what to set while it runs', async () => {
    const { app } = await import('../../examples/running.tsx')
    const page = await renderPage(app)
    // Each entry ends with the callback's index (the stream turns `running` off per callback).
    expect(page.attr('run', 'hd-running')).toBe(
      '[["run","disabled",true,false,0],["status","children","running","done",0]]'
    )
    expect(page.attr('status', 'hd-running')).toBeNull()
  })

  it('refuses a malformed running list at registration', () => {
    const app = createApp({ secret, logger: quiet, layout: <div /> })
    expect(() =>
      app.callback(
        Output('o', 'children'),
        [Input('i', 'n_clicks')],
        function r() {
          return 1
        },
        { running: [[Output('o', 'title'), true]] as never }
      )
    ).toThrow('In the callback r: `running` item 0 is not [Output(id, prop), whileRunning, whenDone].')
  })
})

describe('State of a setProps target', () => {
  it('travels re-signed when a callback reads the prop', async () => {
    const app = createApp({
      secret,
      logger: quiet,
      layout: (
        <div>
          <button id="btn">go</button>
          <button id="read">read</button>
          <div id="note">none</div>
          <div id="seen" />
        </div>
      ),
    })
    app.callback([], [Input('btn', 'n_clicks')], (n) => setProps('note', { title: `note ${n}` }), {
      preventInitialCall: true,
    })
    app.callback(
      Output('seen', 'children'),
      [Input('read', 'n_clicks')],
      [State('note', 'title')],
      (_, t) => `seen ${t}`,
      {
        preventInitialCall: true,
      }
    )
    const page = await renderPage(app)
    await page.click('btn')
    await page.click('read')
    expect(page.text('seen')).toBe('seen note 1')
  })
})
