/**
 * @module render-errors.test
 * Issue 15, item 6: a callback that sets a prop to a value its component cannot take (a Checklist's
 * `options: [null]`), or a component whose render throws, gets an error fragment naming the component,
 * its kind and the prop: never a 500, and never an empty stream. Details in development only.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc, defineComponent } from '../../views/components/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'

const secret = 'http-render-errors-secret-0123456789'
const REQUEST_ID = /(Request|Reference:) [\w-]{8}\./g
const named = (text: string) => text.replace(REQUEST_ID, '$1 <id>.')
const errorText = (fragments: Fragment[]) =>
  fragments.filter((f) => f.swap === 'error').map((f) => (f.swap === 'error' ? named(f.text) : ''))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A component whose render throws for the label 'boom' (its schema takes any string). */
const Fragile = defineComponent({
  name: 'test.Fragile',
  props: { label: z.string() },
  render: (p) => {
    if (p.label === 'boom') throw new RangeError('cannot draw boom')
    return (
      <span id={p.id} {...p.hd}>
        {p.label}
      </span>
    )
  },
})

function makeApp(dev: boolean, streamAfterMs?: number) {
  const logged: unknown[][] = []
  const app = createApp({
    secret,
    dev,
    streamAfterMs,
    logger: { error: (...a: unknown[]) => logged.push(a), warn() {}, info() {} },
    layout: (
      <div>
        <button id="bad-options">bad</button>
        <button id="boom">boom</button>
        <dcc.Checklist id="list" options={['a', 'b']} value={[]} />
        <Fragile id="fragile" label="fine" />
        <div id="side">initial</div>
      </div>
    ),
  })
  app.callback(
    Output('list', 'options'),
    [Input('bad-options', 'n_clicks')],
    async function badOptions() {
      if (streamAfterMs !== undefined) await sleep(streamAfterMs * 10)
      return [null]
    },
    { preventInitialCall: true }
  )
  app.callback(
    [Output('fragile', 'label'), Output('side', 'children')],
    [Input('boom', 'n_clicks')],
    async function explode(n) {
      if (streamAfterMs !== undefined) await sleep(streamAfterMs * 10)
      return ['boom', `side ${n}`]
    },
    { preventInitialCall: true }
  )
  return { app, logged }
}

describe('a value the component schema refuses', () => {
  it('is an error fragment naming the component, its kind and the prop (development)', async () => {
    const { app } = makeApp(true)
    const page = await renderPage(app)
    const res = await page.click('bad-options')
    expect(res.status).toBe(200)
    expect(errorText(res.fragments)).toEqual([
      "Callback error updating list.options In the callback badOptions: The callback badOptions set 'list.options' " +
        '(a dcc.Checklist) to a value it does not accept: Invalid input. Return a value of the type the ' +
        "component's `options` prop takes. Request <id>. Its outputs were left as they were, and nothing that " +
        'depends on them ran. These details show in development only.',
    ])
    expect(res.fragments.map((f) => f.swap)).toEqual(['error'])
    expect(page.text('list')).toBe('ab')
  })

  it('shows only the generic notice in production', async () => {
    const { app } = makeApp(false)
    const page = await renderPage(app)
    const res = await page.click('bad-options')
    expect(res.status).toBe(200)
    expect(errorText(res.fragments)).toEqual([
      'Callback error updating list.options Something went wrong on the server; the outputs were left as they ' +
        'were. Reference: <id>.',
    ])
    expect(res.html).not.toContain('dcc.Checklist')
  })

  it('reaches a streamed answer too', async () => {
    const { app } = makeApp(false, 10)
    const page = await renderPage(app)
    const res = await page.click('bad-options', { stream: true })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect([res.messages.map(named).join('')]).toEqual([
      '<template hx-swap-oob="beforeend:#hd-errors"><div class="hd-error" role="alert" data-callback="badOptions">' +
        '<strong>Callback error updating list.options</strong><p>Something went wrong on the server; the outputs ' +
        'were left as they were. Reference: <id>.</p><button type="button" class="hd-error-close" ' +
        'aria-label="Dismiss">×</button></div></template>',
    ])
  })
})

describe('a component whose render throws', () => {
  it('is an error fragment naming it, and the other outputs still land (development)', async () => {
    const { app, logged } = makeApp(true)
    const page = await renderPage(app)
    const res = await page.click('boom')
    expect(res.status).toBe(200)
    expect(res.fragments.map((f) => f.swap)).toEqual(['error', 'children'])
    expect(page.text('side')).toBe('side 1')
    expect(errorText(res.fragments)).toEqual([
      'Callback error updating fragile.label In the callback explode: RangeError: The component ' +
        "'fragile' (test.Fragile) failed to render with the 'label' it was given: cannot draw boom. Return a value " +
        'its `label` prop takes. Request <id>. Its outputs were left as they were, and nothing that depends on ' +
        'them ran. These details show in development only.',
    ])
    expect(page.text('fragile')).toBe('fine')
    expect(String(logged[0]![0])).toMatch(/^hyperdash \[[\w-]{8}\] a component failed to render:$/)
    expect(logged[0]![1]).toBeInstanceOf(RangeError)
  })

  it('is a generic notice in production, in a plain and in a streamed answer', async () => {
    for (const stream of [false, true]) {
      const { app } = makeApp(false, stream ? 10 : undefined)
      const page = await renderPage(app)
      const res = await page.click('boom', { stream })
      expect(res.status).toBe(200)
      expect(errorText(res.fragments)).toEqual([
        'Callback error updating fragile.label Something went wrong on the server; the outputs were left as ' +
          'they were. Reference: <id>.',
      ])
      expect(res.html).not.toContain('cannot draw boom')
      expect(page.text('side')).toBe('side 1')
    }
  })
})
