/**
 * @module prime-factors.test
 * The seed's prime-factors example, tested the way an app author would with `hyperdash/testing`:
 * no server socket, no browser. Each event sends the request the browser would send, and the test
 * reads exactly what came back and what the page shows after it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderPage, type TestPage } from '../../src/testing.ts'
import type { HyperApp } from '../../src/index.ts'

// The page's state is signed: a fixed secret keeps signatures, and so snapshots, the same on every run.
process.env['HYPERDASH_SECRET'] = 'prime-factors-test-secret-0123456789'
// Signatures hold their issue time (state.ts): a fixed clock keeps them the same on every run.
vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
let app: HyperApp
beforeAll(async () => {
  app = (await import('../../examples/prime-factors.tsx')).app
})

describe('the first page', () => {
  it('has the input and two empty outputs, wired to the update route', async () => {
    const page = await renderPage(app)
    expect(page.status).toBe(200)
    expect(page.text('out')).toBe('')
    expect(page.attr('err', 'style')).toBe('color:red')
    expect(page.outerHTML('num')).toMatchInlineSnapshot(
      `"<input id="num" type="number" min="1" step="1" name="hd:num.value" form="hd-app-form" hx-post="/_hd/update" hx-trigger="change" hx-swap="none" hx-target="body" hx-sync="this:replace" hd-t="value:change" hd-affects="out err" hd-carry="num out err" data-hd="{&quot;kind&quot;:&quot;dcc.Input&quot;,&quot;props&quot;:{&quot;type&quot;:&quot;number&quot;,&quot;debounce&quot;:true,&quot;min&quot;:1,&quot;step&quot;:1},&quot;read&quot;:{&quot;value&quot;:&quot;number&quot;}}" data-hd-sig="t85s00.gslH1sxfZp7EM4wOAHt_fZRZA4j" data-htmx-powered="true">"`
    )
    expect(page.components).toMatchInlineSnapshot(`
      {
        "err": {
          "kind": "p",
          "parent": null,
          "props": {},
          "values": {},
        },
        "num": {
          "kind": "dcc.Input",
          "parent": null,
          "props": {
            "debounce": true,
            "min": 1,
            "step": 1,
            "type": "number",
          },
          "values": {
            "value": null,
          },
        },
        "out": {
          "kind": "p",
          "parent": null,
          "props": {},
          "values": {},
        },
      }
    `)
  })
})

describe('entering numbers', () => {
  let page: TestPage
  beforeAll(async () => {
    page = await renderPage(app)
  })

  it('shows the factors of a composite number and clears the error', async () => {
    const res = await page.fill('num', 360)
    expect(res.request.changed).toEqual(['num.value'])
    expect(res.request.components['num']!.values).toEqual({ value: 360 })
    expect(res.status).toBe(200)
    expect(res.html).toMatchInlineSnapshot(
      `"<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">360 is 2 * 2 * 2 * 3 * 3 * 5</template><template id="err" hx-swap-oob="hd" hd-children="" hd-cb="0"></template>"`
    )
    expect(res.fragments).toMatchInlineSnapshot(`
      [
        {
          "cbs": [
            0,
          ],
          "html": "360 is 2 * 2 * 2 * 3 * 3 * 5",
          "id": "out",
          "swap": "children",
        },
        {
          "cbs": [
            0,
          ],
          "html": "",
          "id": "err",
          "swap": "children",
        },
      ]
    `)
    expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  })

  it('shows an error for a prime and keeps the last result (noUpdate in one position)', async () => {
    const res = await page.fill('num', 997)
    expect(res.fragments).toEqual([{ swap: 'children', id: 'err', cbs: [0], html: '997 is prime!' }])
    expect(page.text('err')).toBe('997 is prime!')
    expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  })

  it('changes nothing when the input is emptied (noUpdate for both outputs: 204)', async () => {
    const res = await page.fill('num', '')
    expect(res.request.components['num']!.values).toEqual({ value: null })
    expect(res.status).toBe(204)
    expect(res.fragments).toEqual([])
    expect(page.text('err')).toBe('997 is prime!')
    expect(page.text('out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  })

  it('goes back to factors, clearing the error', async () => {
    await page.fill('num', 12)
    expect([page.text('out'), page.text('err')]).toEqual(['12 is 2 * 2 * 3', ''])
  })
})

it('refuses a value the number input cannot hold, and still answers the next event', async () => {
  const page = await renderPage(app)
  const body = await page.prepare({ id: 'num', value: 5 })
  body.components['num']!.values!['value'] = 'five'
  const bad = await page.send(body)
  expect(bad.status).toBe(422)
  expect(bad.html).toMatchInlineSnapshot(
    `"Invalid value for 'num.value': Invalid input: expected number, received string"`
  )
  const res = await page.fill('num', 15)
  expect(res.status).toBe(200)
  expect(page.text('out')).toBe('15 is 3 * 5')
})
