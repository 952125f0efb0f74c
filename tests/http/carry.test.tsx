/**
 * @module carry.test
 * A user event's request carries only the components its chain may read or write (`hd-carry`,
 * src/core/closure.ts), as the extension builds it: the cost of an event follows its chain, not the
 * page. A callback set off by inserted components that reads something outside the chain is asked
 * for again, with the whole page, and runs once.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

const secret = 'http-carry-secret-0123456789-0123456789'

describe('what a request carries', () => {
  const n = 50
  const app = createApp({
    secret,
    preventInitialCallbacks: true,
    layout: (
      <div>
        <section id="wrap">
          <dcc.Input id="num" value={1} type="number" />
          <dcc.Input id="factor" value={2} type="number" />
          <div id="product" />
          <div id="shown" />
        </section>
        {Array.from({ length: n }, (_, i) => (
          <div>
            <dcc.Input id={`in${i}`} value={`v${i}`} />
            <div id={`out${i}`} />
          </div>
        ))}
      </div>
    ),
  })
  app.callback(Output('product', 'children'), [Input('num', 'value')], [State('factor', 'value')], (a, b) =>
    String(Number(a) * Number(b))
  )
  app.callback(Output('shown', 'children'), [Input('product', 'children')], (p) => `= ${p}`)
  for (let i = 0; i < n; i++)
    app.callback(Output(`out${i}`, 'children'), [Input(`in${i}`, 'value')], (v) => v)

  it('tells each trigger what its chain reads and writes', async () => {
    const page = await renderPage(app)
    expect(page.attr('num', 'hd-carry')).toBe('num factor product shown')
    expect(page.attr('in7', 'hd-carry')).toBe('in7 out7')
    expect(page.attr('factor', 'hd-carry')).toBe(null) // its value is only read, as a State
  })

  it('sends only those components, and the chain runs as with the whole page', async () => {
    const page = await renderPage(app)
    const res = await page.fill('num', 21)
    expect(Object.keys(res.request.components).sort()).toEqual(['factor', 'num', 'product', 'shown'])
    expect([page.text('product'), page.text('shown')]).toEqual(['42', '= 42'])
    const other = await page.fill('in3', 'hello')
    expect(Object.keys(other.request.components).sort()).toEqual(['in3', 'out3'])
    expect(page.text('out3')).toBe('hello')
  })
})

describe('components inserted by a chain', () => {
  const calls: Record<string, number> = {}
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1)
  const app = createApp({
    secret,
    preventInitialCallbacks: true,
    layout: (
      <div>
        <button id="go">go</button>
        <div id="box" />
        <div id="far">far</div>
        <dcc.Input id="other" value="o" />
      </div>
    ),
  })
  app.callback(Output('box', 'children'), [Input('go', 'n_clicks')], (n) => {
    count('fill')
    return <dcc.Input id="inner" value={`v${n}`} />
  })
  app.callback(Output('far', 'children'), [Input('inner', 'value')], [State('other', 'value')], (v, o) => {
    count('far')
    return `${v} with ${o}`
  })

  it('asks again, with the whole page, for a callback that reads outside the chain; it runs once', async () => {
    const page = await renderPage(app)
    expect(page.attr('go', 'hd-carry')).toBe('go box')
    await page.click('go')
    const [first, again] = page.requests.slice(-2)
    expect(Object.keys(first!.request.components).sort()).toEqual(['box', 'go'])
    expect(first!.request.reask).toBe(undefined)
    expect(again!.request.reask).toEqual([{ callback: 1, changed: ['inner.value'] }])
    expect(Object.keys(again!.request.components).sort()).toEqual(['box', 'far', 'go', 'inner', 'other'])
    expect(page.text('far')).toBe('v1 with o')
    expect(calls).toEqual({ fill: 1, far: 1 })
  })
})
