/**
 * dcc.Graph over HTTP: what a browser without JavaScript gets, what travels in the signed state,
 * plotly.js served versioned and compressed, and interaction props checked against their schemas.
 */
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { app } from '../../examples/graph-crossfilter.tsx'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { plotlyCssHref, plotlyHref } from '../../src/protocol/plotly.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

const between = (html: string, start: string, end: string) => {
  const i = html.indexOf(start)
  return i < 0 ? '' : html.slice(i, html.indexOf(end, i) + end.length)
}

describe('the page', () => {
  it('shows an accessible summary of each figure: title, traces, their types and points', async () => {
    const html = await (await app.request('/')).text()
    expect(between(between(html, '<div id="histogram"', '</figure>'), '<figure', '</figure>')).toBe(
      '<figure class="hd-graph-summary"><figcaption>Chart: All continents: life expectancy in 2007</figcaption>' +
        '<table><thead><tr><th scope="col">Trace</th><th scope="col">Type</th><th scope="col">Points</th></tr></thead>' +
        '<tbody><tr><th scope="row">All continents</th><td>histogram</td><td>120</td></tr></tbody></table></figure>'
    )
  })

  it('carries the figure once, as JSON in a script the browser never runs, not in the signed state', async () => {
    const page = await renderPage(app)
    const state = JSON.parse(page.attr('scatter', 'data-hd')!)
    expect(state).toEqual({ kind: 'dcc.Graph', props: {}, read: { clickData: 'graph' } })
    const html = page.outerHTML('scatter')
    expect(html).toContain(
      '<script type="application/json" class="hd-graph-figure">{"data":[{"type":"scatter"'
    )
    expect(page.attr('scatter', 'hx-trigger')).toBe('graph-click')
    expect(page.attr('scatter', 'data-plotly')).toBe(plotlyHref())
    expect(page.attr('scatter', 'data-plotly-css')).toBe(plotlyCssHref())
  })

  it('carries the figure in the signed state when a callback reads it (a State here)', async () => {
    const a = createApp({
      layout: (
        <div>
          <dcc.Graph id="g" figure={{ data: [{ y: [1, 2] }] }} />
          <button id="b" />
          <p id="out" />
        </div>
      ),
    })
    a.callback(Output('out', 'children'), [Input('b', 'n_clicks')], [State('g', 'figure')], (_, fig) =>
      JSON.stringify(fig)
    )
    const page = await renderPage(a)
    expect(JSON.parse(page.attr('g', 'data-hd')!).props).toEqual({ figure: { data: [{ y: [1, 2] }] } })
    await page.click('b')
    expect(page.text('out')).toBe('{"data":[{"y":[1,2]}]}')
  })
})

describe('plotly.js', () => {
  it('is served under the versioned name the Graph gives, cached for a year, gzip when accepted', async () => {
    const href = `/_hd/static/${plotlyHref()}`
    const plain = await app.request(href)
    expect(plain.status).toBe(200)
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(plain.headers.get('content-encoding')).toBe(null)
    const body = await plain.text()
    expect(body.length).toBeGreaterThan(4_000_000)
    const gz = await app.request(href, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gz.headers.get('vary')).toBe('Accept-Encoding')
    const bytes = Buffer.from(await gz.arrayBuffer())
    expect(bytes.length).toBeLessThan(1_600_000)
    expect(gunzipSync(bytes).toString('utf8')).toBe(body)
  })

  it("serves plotly.js's own stylesheet, read from the bundle", async () => {
    const res = await app.request(`/_hd/static/${plotlyCssHref()}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await res.text()).toContain('.js-plotly-plot .plotly .main-svg .draglayer {pointer-events:all;}')
  })
})

describe('interaction props', () => {
  const click = (points: unknown[]) => ({ points })

  it('a click reaches the callback as clickData', async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'year', value: 2007 })
    body.changed = ['scatter.clickData']
    body.components['scatter']!.values = {
      clickData: click([
        { curveNumber: 1, pointNumber: 3, x: 5000, y: 70, customdata: 'Americas', text: 'Ame-011' },
      ]),
    }
    const res = await page.send(body)
    expect(res.status).toBe(200)
    expect(page.text('picked')).toBe('Picked Ame-011 (Americas).')
    expect(page.outerHTML('histogram')).toContain(
      '<figcaption>Chart: Americas: life expectancy in 2007</figcaption>'
    )
  })

  it.each([
    [click(Array.from({ length: 1001 }, () => ({ x: 1 }))), 'Too big: expected array to have <=1000 items'],
    [{ point: [] }, 'expected array, received undefined'],
    [
      click([Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]))]),
      'A point has at most 64 fields',
    ],
  ])('refuses a clickData the schema does not allow, with 422 (%#)', async (clickData, why) => {
    const page = await renderPage(app)
    const body = await page.prepare({ id: 'year', value: 2007 })
    body.changed = ['scatter.clickData']
    body.components['scatter']!.values = { clickData }
    const res = await page.send(body)
    expect(res.status).toBe(422)
    expect(res.html).toContain("Invalid value for 'scatter.clickData'")
    expect(res.html).toContain(why)
  })
})
