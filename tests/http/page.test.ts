/**
 * @module page.test
 * The page route and what every answer carries: initial calls already applied in the first HTML
 * (R6–R8), `Server-Timing` on updates, and statelessness: a second instance of the app, made from
 * the same code with the same secret, answers requests built from the first one's page.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { HyperApp } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'

process.env['HYPERDASH_SECRET'] = 'http-page-test-secret-0123456789'
// Server-Timing is a development feature.
process.env['HYPERDASH_DEV'] = '1'

/** A fresh instance of an example: its module evaluated again, as in a second server process. */
async function instance(name: string): Promise<HyperApp> {
  vi.resetModules()
  return (await import(`../../examples/${name}.tsx`)).app as HyperApp
}

describe('the first page', () => {
  it('has the initial calls applied: "n_clicks is None", not "callback not executed"', async () => {
    const page = await renderPage(await instance('initial-call'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect([page.text('first_output_1'), page.text('second_output_1')]).toEqual([
      'n_clicks is None',
      'n_clicks is None',
    ])
    expect(page.html).not.toContain('callback not executed')
    expect(page.deferred).toEqual([])
  })

  it('leaves outputs alone when every initial call is prevented', async () => {
    const page = await renderPage(await instance('prevent-initial-call'))
    expect(['first', 'second', 'third', 'fourth'].map((n) => page.text(`${n}_output_2`))).toEqual(
      Array(4).fill('callback not executed')
    )
  })

  it('keeps an output whose initial call returned noUpdate as the layout had it', async () => {
    const page = await renderPage(await instance('no-update-button'))
    expect(page.innerHTML('body-div')).toBe('')
  })

  it('gives dcc.Location the requested URL, and runs what it feeds', async () => {
    const page = await renderPage(await instance('prevent-initial-inserted'), '/deep/link?x=1')
    expect(page.components['url']).toEqual({
      kind: 'dcc.Location',
      props: {},
      values: { pathname: '/deep/link' },
      parent: null,
    })
    expect(page.value('input')).toBe('hello world')
  })

  it('is a full document that loads htmx, its SSE extension and ours', async () => {
    const page = await renderPage(await instance('initial-call'))
    expect(page.html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true)
    for (const file of ['htmx.min.js', 'hx-sse.min.js', 'hyperdash.js']) {
      expect(page.html).toMatch(new RegExp(`<script src="/_hd/static/${file}\\?v=[\\w-]{12}"></script>`))
    }
    expect(page.attr('hd-app', 'data-hd-url')).toBe('/_hd/update')
  })
})

describe('an update', () => {
  it('answers the click with both outputs, and names the callback in Server-Timing', async () => {
    const page = await renderPage(await instance('initial-call'))
    const res = await page.click('button_1')
    expect(res.html).toBe(
      '<template id="first_output_1" hx-swap-oob="hd" hd-children="" hd-cb="0">n_clicks is 1</template>' +
        '<template id="second_output_1" hx-swap-oob="hd" hd-children="" hd-cb="0">n_clicks is 1</template>'
    )
    expect(res.headers.get('server-timing')).toMatch(/^cb0;desc="change_text \(updated\)";dur=\d+(\.\d+)?$/)
  })

  it('has Server-Timing on a 204 too, one entry per callback that ran', async () => {
    const page = await renderPage(await instance('prime-factors'))
    const res = await page.fill('num', '')
    expect(res.status).toBe(204)
    expect(res.headers.get('server-timing')).toMatch(/^cb0;desc="show_factors \(noUpdate\)";dur=\d+(\.\d+)?$/)
  })

  it('lists every callback of a chain in Server-Timing, in the order they finished', async () => {
    const page = await renderPage(await instance('chained-callbacks'))
    const res = await page.click('button_3')
    const names = res.headers
      .get('server-timing')!
      .split(', ')
      .map((t) => t.replace(/;dur=.*$/, ''))
    expect(names).toEqual(['cb0;desc="fast (updated)"', 'cb2;desc="third (updated)"'])
  })
})

describe('a second instance of the app (another process, the same code and secret)', () => {
  let first: HyperApp
  let second: HyperApp
  beforeAll(async () => {
    first = await instance('callback-context')
    second = await instance('callback-context')
  })

  it('is a different object with the same callbacks', () => {
    expect(second).not.toBe(first)
    expect(second.graph.callbacks.map((c) => c.id)).toEqual(first.graph.callbacks.map((c) => c.id))
  })

  it("answers a request built from the first instance's page, exactly as the first would", async () => {
    const a = await renderPage(first)
    const b = await renderPage(first)
    const toFirst = await a.click('btn-2')
    const toSecond = await b.click('btn-2', { server: second })
    expect(toSecond.status).toBe(200)
    expect(toSecond.html).toBe(toFirst.html)
    expect(b.text('container')).toContain('btn-2')
  })

  it('takes turns with the first across a chain of events', async () => {
    const page = await renderPage(first)
    await page.click('btn-1', { server: second })
    await page.click('btn-3')
    await page.click('btn-3', { server: second })
    const rows = JSON.parse(page.text('container').slice(page.text('container').indexOf('{')))
    expect(rows.inputs).toEqual({ 'btn-1.n_clicks': 1, 'btn-2.n_clicks': 0, 'btn-3.n_clicks': 2 })
    expect(rows.triggered_id).toBe('btn-3')
  })
})
