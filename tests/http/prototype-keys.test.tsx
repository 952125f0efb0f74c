/**
 * @module prototype-keys.test
 * Wire names index maps by own property only: a prop or id named like an Object.prototype member
 * (`valueOf`, `constructor`, `__proto__`) is an unknown name, answered with a 4xx, never a 500.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'

// A layout function: the kinds are unknown before the first page, so the app is not refused for
// Inputs that nothing in the browser changes (check-inputs.ts); the requests must still be safe.
const app = createApp({
  secret: 'prototype-keys-secret-0123456789',
  dev: false,
  layout: () => (
    <div>
      <button id="b">go</button>
      <div id="out" />
    </div>
  ),
})
app.callback(
  Output('out', 'children'),
  [Input('b', 'valueOf'), Input('b', 'constructor'), Input('b', 'n_clicks')],
  (v, c, n) => `${typeof v} ${typeof c} ${n}`
)

describe('a prop named like an Object.prototype member', () => {
  it.each(['valueOf', 'constructor', 'toString', 'hasOwnProperty'])(
    "refuses a value for '%s' with 400 (not 500)",
    async (prop) => {
      const page = await renderPage(app)
      const body = await page.prepare({ click: 'b' })
      body.components['b']!.values![prop] = 5
      const res = await page.send(body)
      expect([res.status, res.html]).toEqual([
        400,
        `'b.${prop}' is not a prop the browser owns on a button component.`,
      ])
    }
  )

  it('reads an unset `valueOf` as null, not as the prototype function', async () => {
    const page = await renderPage(app)
    expect(page.text('out')).toBe('object object null')
    const res = await page.click('b')
    expect(res.status).toBe(200)
    expect(page.text('out')).toBe('object object 1')
  })

  it("refuses a component id 'constructor' or 'valueOf' with 4xx; drops one named '__proto__'", async () => {
    const page = await renderPage(app)
    for (const id of ['__proto__', 'constructor', 'valueOf']) {
      const body = await page.prepare({ click: 'b' })
      const json = JSON.stringify(body).replace(
        '"components":{',
        `"components":{"${id}":${JSON.stringify(body.components['b'])},`
      )
      const res = await app.request('/_hd/update', {
        method: 'POST',
        body: json,
        headers: { 'Content-Type': 'application/json' },
      })
      const text = await res.text()
      // zod leaves a `__proto__` key out of the parsed record (no prototype is ever set from the wire).
      if (id === '__proto__')
        expect([res.status, text]).toEqual([200, expect.stringContaining('object object')])
      else
        expect([res.status, text]).toEqual([
          400,
          expect.stringContaining(`component '${id}' has a wrong signature`),
        ])
    }
  })

  it("refuses a changed prop 'b.valueOf' that nothing in the browser sends, with 4xx", async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ click: 'b' })
    body.changed = ['b.__proto__', 'b.valueOf']
    const res = await page.send(body)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})
