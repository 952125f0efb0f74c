/**
 * dcc.Graph in Chromium: plotly.js loaded only where a Graph is, figure updates by Plotly.react on the
 * same plot element, a real click on a point reaching a callback as `clickData`, zoom kept by
 * `uirevision`, `extendData`.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

type Plot = HTMLElement & {
  layout: { xaxis: { range: number[]; autorange: boolean } }
  data: { x: number[] }[]
}

const requested = (page: Page) => {
  const urls: string[] = []
  page.on('request', (r) => urls.push(new URL(r.url()).pathname))
  return urls
}

/** Waits until plotly.js has drawn the Graph `id` and its stylesheet applies (the layout is final). */
const drawn = async (page: Page, id: string) => {
  await page.waitForSelector(`#${id} > .hd-graph-plot.js-plotly-plot .main-svg`, { timeout: 30_000 })
  await page.waitForFunction(
    () => (document.getElementById('hd-plotly-css') as HTMLLinkElement | null)?.sheet != null
  )
}

/** The centre of an element once it has stopped moving (two frames in a row at the same place). */
async function steadyCentre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const at = () =>
    page.$eval(
      selector,
      (el) =>
        new Promise<string>((resolve) =>
          requestAnimationFrame(() => {
            const r = el.getBoundingClientRect()
            resolve(`${r.x + r.width / 2},${r.y + r.height / 2}`)
          })
        )
    )
  let last = await at()
  for (;;) {
    const now = await at()
    if (now === last) {
      const [x, y] = now.split(',').map(Number)
      return { x: x!, y: y! }
    }
    last = now
  }
}

const title = (page: Page, id: string) => page.textContent(`#${id} .gtitle`)

describe('the crossfilter example', { timeout: 90_000 }, () => {
  const app = useApp(async () => (await import('../../examples/graph-crossfilter.tsx')).app)

  it('loads plotly.js (versioned, same origin) and draws both graphs; the summary stays for screen readers', async () => {
    const { page, errors } = await app.open()
    await drawn(page, 'scatter')
    await drawn(page, 'histogram')
    const scripts = await page.$$eval('script[src]', (s) => s.map((e) => e.getAttribute('src')))
    expect(scripts.filter((s) => s!.includes('plotly'))).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/_hd\/static\/plotly\.min\.js\?v=[\w-]{12}$/),
    ])
    expect(await page.$$eval('#scatter .point', (p) => p.length)).toBe(120)
    expect(await title(page, 'scatter')).toBe('Life expectancy and income, 2007')
    expect(await page.textContent('#scatter .hd-graph-summary figcaption')).toBe(
      'Chart: Life expectancy and income, 2007'
    )
    // Visually hidden (1 px, clipped), still read by screen readers.
    expect(await page.$eval('#scatter .hd-graph-summary', (f) => f.getBoundingClientRect().width)).toBe(1)
    expect(errors).toEqual([])
  })

  it('a new figure from a callback updates the same plot element (Plotly.react)', async () => {
    const { page, errors } = await app.open()
    await drawn(page, 'scatter')
    await page.$eval(
      '#scatter .hd-graph-plot',
      (el) => ((el as HTMLElement & { hdMarker?: string }).hdMarker = 'kept')
    )
    const updates = countUpdates(page)
    await page.focus('#year input[type=range]')
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(() =>
      document.querySelector('#scatter .gtitle')?.textContent?.endsWith('2002')
    )
    await settled(page)
    expect(updates.n).toBe(1)
    expect(
      await page.$eval(
        '#scatter .hd-graph-plot',
        (el) => (el as HTMLElement & { hdMarker?: string }).hdMarker
      )
    ).toBe('kept')
    expect(await page.$$eval('#scatter .hd-graph-plot', (p) => p.length)).toBe(1)
    expect(await title(page, 'histogram')).toBe('All continents: life expectancy in 2002')
    expect(errors).toEqual([])
  })

  it('a real click on a point sends clickData to the callback, which filters the histogram', async () => {
    const { page, errors } = await app.open()
    await drawn(page, 'scatter')
    const updates = countUpdates(page)
    // The 4th point of the first trace (Africa): the mouse moves there as a user's does, then clicks.
    await drawn(page, 'histogram')
    const { x, y } = await steadyCentre(page, '#scatter .trace:first-of-type .point:nth-child(4)')
    await page.mouse.move(x - 30, y - 30)
    await page.mouse.move(x, y, { steps: 5 })
    await page.mouse.click(x, y)
    await page.waitForFunction(() => document.getElementById('picked')?.textContent?.startsWith('Picked'))
    await settled(page)
    expect(await page.textContent('#picked')).toMatch(/^Picked Afr-\d{3} \(Africa\)\.$/)
    expect(await title(page, 'histogram')).toBe('Africa: life expectancy in 2007')
    expect(updates.n).toBe(1)
    expect(errors).toEqual([])
  })

  it('keeps the zoom a user made when a new figure has the same uirevision', async () => {
    const { page, errors } = await app.open()
    await drawn(page, 'scatter')
    const range = () =>
      page.$eval('#scatter .hd-graph-plot', (el) => {
        const ax = (el as Plot).layout.xaxis
        return { range: ax.range.map((v) => Math.round(v * 1000) / 1000), auto: ax.autorange }
      })
    const before = await range()
    // A zoom box dragged across the middle of the plot area.
    const area = (await page.locator('#scatter .nsewdrag').boundingBox())!
    await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3)
    await page.mouse.down()
    await page.mouse.move(area.x + area.width * 0.6, area.y + area.height * 0.7, { steps: 8 })
    await page.mouse.up()
    await page.waitForFunction(() => {
      const ax = (document.querySelector('#scatter .hd-graph-plot') as Plot).layout.xaxis
      return ax.autorange === false
    })
    const zoomed = await range()
    expect(zoomed.range).not.toEqual(before.range)
    await page.focus('#year input[type=range]')
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(() =>
      document.querySelector('#scatter .gtitle')?.textContent?.endsWith('2002')
    )
    await settled(page)
    expect(await range()).toEqual(zoomed)
    expect(errors).toEqual([])
  })
})

describe('a page with no Graph', { timeout: 90_000 }, () => {
  it('of an app that does not use Graph loads neither graph.js nor plotly.js', async () => {
    const app = await import('../../examples/circular-slider.tsx')
    const { launch, serveFetch, open } = await import('./harness.ts')
    const browser = await launch()
    const served = await serveFetch(app.app.fetch)
    try {
      const page = await browser.newPage()
      const urls = requested(page)
      await page.goto(served.url)
      await page.waitForLoadState('networkidle')
      expect(urls.filter((u) => /graph|plotly/.test(u))).toEqual([])
      void open
    } finally {
      await browser.close()
      await served.close()
    }
  })
})

describe('an app that knows Graph, on a page without one', { timeout: 90_000 }, () => {
  const app = useApp(async () => (await import('./fixtures/graph-app.tsx')).app)

  it('loads graph.js only; plotly.js comes when a callback inserts a Graph; extendData appends', async () => {
    const { page, errors } = await app.open()
    const urls = requested(page)
    await page.reload()
    await page.waitForLoadState('networkidle')
    expect(urls.filter((u) => u.endsWith('/graph.js'))).toEqual(['/_hd/components/dcc.Graph/graph.js'])
    expect(urls.filter((u) => u.includes('plotly'))).toEqual([])
    await page.click('#add')
    await drawn(page, 'live')
    expect(urls.filter((u) => u.includes('plotly'))).toEqual([
      '/_hd/static/plotly.css',
      '/_hd/static/plotly.min.js',
    ])
    expect(await page.$$eval('#live .point', (p) => p.length)).toBe(3)
    await page.click('#extend')
    await page.waitForFunction(() => document.querySelectorAll('#live .point').length === 4)
    await page.click('#extend')
    await page.waitForFunction(() => document.querySelectorAll('#live .point').length === 5)
    expect(await page.$eval('#live .hd-graph-plot', (el) => (el as Plot).data[0]!.x)).toEqual([0, 1, 2, 3, 4])
    expect(errors).toEqual([])
  })
})
