/**
 * examples/pages in Chromium: the first HTML holds the page; a dcc.Link click is one request that
 * brings the next page (its initial calls resolved), updates the URL, the title and the history,
 * moves focus to the content; back/forward run the router again and restore the scroll position;
 * the new page's callbacks work. The same under a base path (the gallery mounts it at /pages/).
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { launch, settled, useApp } from './harness.ts'

process.env['HYPERDASH_SECRET'] ??= 'browser-pages-test-secret-0123456789'

/** Counts every request the page sends from now on (documents, scripts, updates). */
function countRequests(page: Page): { readonly urls: string[] } {
  const seen = { urls: [] as string[] }
  page.on('request', (r) => seen.urls.push(`${r.method()} ${new URL(r.url()).pathname}`))
  return seen
}

/** Marks the document: a full page load would lose the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: number }).mark = 1))
const marked = (page: Page) => page.evaluate(() => (window as unknown as { mark?: number }).mark === 1)
const text = (page: Page, sel: string) => page.textContent(sel)
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id)

describe('at the root', () => {
  const app = useApp(async () => (await import('../../examples/pages/app.tsx')).app)

  it('navigates with one request per link click, title and focus following', async () => {
    const { page, errors } = await app.open('/')
    expect(await page.title()).toBe('Home · hyperdash pages')
    expect(await text(page, '#home h1')).toBe('Home')
    await mark(page)
    const requests = countRequests(page)
    await page.click('#nav a[href="/analytics"]')
    await page.waitForSelector('#analytics-output')
    await settled(page)
    expect(requests.urls).toEqual(['POST /_hd/update'])
    expect(new URL(page.url()).pathname).toBe('/analytics')
    expect(await text(page, '#analytics-output')).toBe('Showing visits')
    expect(await page.title()).toBe('Analytics · hyperdash pages')
    expect(await page.getAttribute('meta[property="og:title"]', 'content')).toBe(
      'Analytics · hyperdash pages'
    )
    expect(await page.getAttribute('meta[name="description"]', 'content')).toBe(
      'Type a metric; the server answers.'
    )
    expect(await focused(page)).toBe('_pages_content')
    expect(await marked(page)).toBe(true)
    expect(errors).toEqual([])
  })

  it("runs the new page's callbacks", async () => {
    const { page, errors } = await app.open('/')
    await page.click('#nav a[href="/analytics"]')
    await page.waitForSelector('#analytics-input')
    await page.fill('#analytics-input', 'revenue')
    await page.waitForFunction(
      () => document.getElementById('analytics-output')?.textContent === 'Showing revenue'
    )
    expect(errors).toEqual([])
  })

  it('passes path variables and query parameters to the layout, on a link click', async () => {
    const { page, errors } = await app.open('/')
    const requests = countRequests(page)
    await page.click('#report-link')
    await page.waitForSelector('#report-id')
    await settled(page)
    expect(requests.urls).toEqual(['POST /_hd/update'])
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/report/42?view=detail')
    expect([await text(page, '#report-id'), await text(page, '#report-view')]).toEqual(['42', 'detail'])
    expect(await page.title()).toBe('Report 42 · hyperdash pages')
    expect(errors).toEqual([])
  })

  it('goes back and forward through the history, one request each, content and title restored', async () => {
    const { page, errors } = await app.open('/')
    await mark(page)
    await page.click('#nav a[href="/analytics"]')
    await page.waitForSelector('#analytics-output')
    await page.fill('#analytics-input', 'revenue')
    await page.waitForFunction(
      () => document.getElementById('analytics-output')?.textContent === 'Showing revenue'
    )
    await settled(page)
    const requests = countRequests(page)
    await page.goBack()
    await page.waitForSelector('#home')
    await settled(page)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.title()).toBe('Home · hyperdash pages')
    expect(requests.urls).toEqual(['POST /_hd/update'])
    await page.goForward()
    await page.waitForSelector('#analytics-output')
    await settled(page)
    expect(new URL(page.url()).pathname).toBe('/analytics')
    // The router ran again: the page is as its layout and initial call make it.
    expect(await text(page, '#analytics-output')).toBe('Showing visits')
    expect(await page.title()).toBe('Analytics · hyperdash pages')
    expect(requests.urls).toEqual(['POST /_hd/update', 'POST /_hd/update'])
    expect(await marked(page)).toBe(true)
    expect(errors).toEqual([])
  })

  it('scrolls to the top on a link click and restores the position on back', async () => {
    const { page, errors } = await app.open('/')
    await page.evaluate(() => {
      document.body.style.minHeight = '5000px'
      scrollTo(0, 1200)
    })
    await page.waitForFunction(() => scrollY === 1200)
    await page.evaluate(() => document.querySelector<HTMLAnchorElement>('#nav a[href="/analytics"]')!.click())
    await page.waitForSelector('#analytics-output')
    await settled(page)
    expect(await page.evaluate(() => scrollY)).toBe(0)
    await page.goBack()
    await page.waitForSelector('#home')
    await settled(page)
    expect(await page.evaluate(() => scrollY)).toBe(1200)
    expect(await focused(page)).toBe('_pages_content')
    expect(errors).toEqual([])
  })

  it('answers an unknown path with the 404 page, whose link leads home in one request', async () => {
    const { page, errors } = await app.open('/no/such/page')
    expect(await text(page, '#not-found h1')).toBe('Page not found')
    expect(await page.title()).toBe('Not found · hyperdash pages')
    const requests = countRequests(page)
    await page.click('#not-found a')
    await page.waitForSelector('#home')
    await settled(page)
    expect(requests.urls).toEqual(['POST /_hd/update'])
    expect(await page.title()).toBe('Home · hyperdash pages')
    // Chromium logs the document's own 404 status.
    expect(errors).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)'])
  })

  it('works without JavaScript: links are plain links, each page arrives whole from the server', async () => {
    const browser = await launch()
    try {
      const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
      await page.goto(app.url() + '/')
      await page.click('#nav a[href="/analytics"]')
      await page.waitForURL((u) => u.pathname === '/analytics')
      expect(await text(page, '#analytics-output')).toBe('Showing visits')
      expect(await page.title()).toBe('Analytics · hyperdash pages')
      await page.goto(app.url() + '/report/9?view=raw')
      expect([await text(page, '#report-id'), await text(page, '#report-view')]).toEqual(['9', 'raw'])
    } finally {
      await browser.close()
    }
  })

  it('leaves a click with a modifier key to the browser', async () => {
    const { page } = await app.open('/')
    const prevented = await page.evaluate(() => {
      const a = document.querySelector<HTMLAnchorElement>('#nav a[href="/analytics"]')!
      const e = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true })
      // Stop the browser's own handling after link.js saw it.
      document.addEventListener('click', (ev) => ev.preventDefault(), { once: true })
      a.dispatchEvent(e)
      return location.pathname
    })
    expect(prevented).toBe('/')
  })
})

describe('under a base path (the gallery, /pages/)', () => {
  const app = useApp(async () => (await import('../../examples/gallery.tsx')).gallery)

  it('links below the base path, navigates in one request, and runs callbacks', async () => {
    const { page, errors } = await app.open('/pages/')
    expect(await page.getAttribute('#nav a >> nth=1', 'href')).toBe('/pages/analytics')
    expect(await text(page, '#home h1')).toBe('Home')
    const requests = countRequests(page)
    await page.click('#nav a[href="/pages/analytics"]')
    await page.waitForSelector('#analytics-output')
    await settled(page)
    expect(requests.urls).toEqual(['POST /pages/_hd/update'])
    expect(new URL(page.url()).pathname).toBe('/pages/analytics')
    await page.fill('#analytics-input', 'sales')
    await page.waitForFunction(
      () => document.getElementById('analytics-output')?.textContent === 'Showing sales'
    )
    await page.goBack()
    await page.waitForSelector('#home')
    expect(new URL(page.url()).pathname).toBe('/pages/')
    expect(errors).toEqual([])
  })
})
