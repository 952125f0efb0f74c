/**
 * @module errors.test
 * A callback that throws: its outputs stay as they were, nothing downstream of them runs, other
 * branches of the chain still do, and the error reaches the page as a fragment for the error area:
 * with the message and stack in development, a generic notice in production (R30).
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'

const secret = 'http-errors-test-secret-0123456789'

/** A request id is random per request: tests name it instead of matching it. */
const REQUEST_ID = /(Request|Reference:) [\w-]{8}\./g
const named = (text: string) => text.replace(REQUEST_ID, '$1 <id>.')

function chainApp(dev: boolean) {
  const ran: string[] = []
  const logged: unknown[][] = []
  const app = createApp({
    secret,
    dev,
    logger: { error: (...a: unknown[]) => logged.push(a), warn() {}, info() {} },
    layout: (
      <div>
        <button id="btn">go</button>
        <div id="out">initial</div>
        <div id="down">initial</div>
        <div id="side">initial</div>
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('btn', 'n_clicks')],
    function boom(n) {
      ran.push('boom')
      if (n) throw new TypeError(`kaput after ${n} clicks`)
      return 'fine'
    },
    { preventInitialCall: true }
  )
  app.callback(
    Output('down', 'children'),
    [Input('out', 'children')],
    function downstream(v) {
      ran.push('downstream')
      return `after ${v}`
    },
    { preventInitialCall: true }
  )
  app.callback(
    Output('side', 'children'),
    [Input('btn', 'n_clicks')],
    function side(n) {
      ran.push('side')
      return `side ${n}`
    },
    { preventInitialCall: true }
  )
  return { app, ran, logged }
}

const errorOf = (fragments: Fragment[]) => fragments.find((f) => f.swap === 'error')

describe('a callback that throws', () => {
  it('leaves its outputs, skips what depends on them, and runs the other branches', async () => {
    const { app, ran } = chainApp(true)
    const page = await renderPage(app)
    const res = await page.click('btn')
    expect(res.status).toBe(200)
    expect(ran.sort()).toEqual(['boom', 'side'])
    expect(res.fragments.map((f) => f.swap)).toEqual(['error', 'children'])
    expect(res.fragments[1]).toEqual({ swap: 'children', id: 'side', cbs: [2], html: 'side 1' })
    expect([page.text('out'), page.text('down'), page.text('side')]).toEqual(['initial', 'initial', 'side 1'])
    const timing = res.headers
      .get('server-timing')!
      .split(', ')
      .map((t) => t.replace(/dur=[\d.]+$/, 'dur=<ms>'))
    expect(timing.sort()).toEqual(['cb0;desc="boom (error)";dur=<ms>', 'cb2;desc="side (updated)";dur=<ms>'])
  })

  it('shows the message and the stack in development', async () => {
    const { app, logged } = chainApp(true)
    const page = await renderPage(app)
    const res = await page.click('btn')
    const error = errorOf(res.fragments)!
    expect(error).toMatchObject({ swap: 'error', target: 'hd-errors', callback: 'boom' })
    expect(error.swap === 'error' && named(error.text)).toBe(
      'Callback error updating out.children In the callback boom: TypeError: kaput after 1 clicks Request <id>. ' +
        'Its outputs were left as they were, and nothing that depends on them ran. These details show in development only.'
    )
    expect(res.html).toContain('<pre class="hd-stack"')
    // The app's own frame comes first, not dimmed.
    expect(res.html).toMatch(
      /<span class="hd-frame" [^>]*>at Object\.boom [^<]*errors\.test\.tsx:\d+:\d+\)<\/span>/
    )
    expect(res.html).toMatch(
      /^<template hx-swap-oob="beforeend:#hd-errors"><div class="hd-error hd-error-dev" role="alert" data-callback="boom"/
    )
    expect(named(page.text('hd-errors'))).toContain('TypeError: kaput after 1 clicks')
    expect(logged).toHaveLength(1)
    expect(String(logged[0]![0])).toMatch(/^hyperdash \[[\w-]{8}\] callback boom failed:$/)
    expect(logged[0]![1]).toBeInstanceOf(TypeError)
  })

  it('shows a generic notice in production: no message, no stack, no details', async () => {
    const { app, logged } = chainApp(false)
    const page = await renderPage(app)
    const res = await page.click('btn')
    const error = errorOf(res.fragments)!
    expect(error.swap === 'error' && named(error.text)).toBe(
      'Callback error updating out.children Something went wrong on the server; the outputs were left as they were. ' +
        'Reference: <id>.'
    )
    expect(named(res.html)).toBe(
      '<template hx-swap-oob="beforeend:#hd-errors"><div class="hd-error" role="alert" data-callback="boom">' +
        '<strong>Callback error updating out.children</strong><p>Something went wrong on the server; the outputs ' +
        'were left as they were. Reference: <id>.</p><button type="button" class="hd-error-close" ' +
        'aria-label="Dismiss">×</button></div></template><template id="side" hx-swap-oob="hd" hd-children="" ' +
        'hd-cb="2">side 1</template>'
    )
    expect(res.html).not.toContain('kaput')
    expect(res.html).not.toContain('TypeError')
    expect(res.html).not.toContain('.tsx')
    // The reference in the page is the one in the server's log line.
    const ref = /Reference: ([\w-]{8})\./.exec(res.html)![1]
    expect(String(logged[0]![0])).toBe(`hyperdash [${ref}] callback boom failed:`)
  })

  it('does not stop the next event', async () => {
    const { app, ran } = chainApp(false)
    const page = await renderPage(app)
    await page.click('btn')
    const res = await page.click('btn')
    expect(errorOf(res.fragments)).toBeDefined()
    expect(page.text('side')).toBe('side 2')
    expect(ran.filter((r) => r === 'downstream')).toEqual([])
  })
})

describe('a callback that returns a wrong shape', () => {
  const app = createApp({
    secret,
    dev: true,
    logger: { error() {}, warn() {}, info() {} },
    layout: (
      <div>
        <button id="btn">go</button>
        <div id="a" />
        <div id="b" />
      </div>
    ),
  })
  app.callback([Output('a', 'children'), Output('b', 'children')], [Input('btn', 'n_clicks')], (n) =>
    n === 1 ? ['only one'] : n === 2 ? [() => 'a function', 'b'] : ['a', 'b']
  )

  it.each([
    [1, 'Invalid number of output values for the callback ..a.children...b.children..: expected 2, got 1.'],
    [
      2,
      'The callback ..a.children...b.children.. returned a value for `a.children` that cannot be sent to the page: ' +
        'it is a function. Return strings, numbers, booleans, null, arrays, plain objects or JSX.',
    ],
  ])('gets an error fragment naming the problem (click %i)', async (clicks, message) => {
    const page = await renderPage(app)
    for (let i = 1; i < clicks; i++) await page.click('btn')
    const res = await page.click('btn')
    const error = errorOf(res.fragments)!
    expect(error.swap === 'error' && named(error.text)).toContain(`: ${message} Request <id>.`)
    expect([page.text('a'), page.text('b')]).toEqual(['a', 'b'])
  })
})
