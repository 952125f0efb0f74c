/**
 * examples/embedded.tsx in Chromium: a plain Hono site whose pages stay plain (no script, an
 * ordinary form post), with one page enhanced by a callback graph mounted under /dash/ that lives
 * inside the site's layout, reads right with JavaScript off, and updates with one request per change.
 */
import type { Browser, BrowserContextOptions } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { site } from '../../examples/embedded.tsx'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch(site.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

/** Opens a page of the site (any page, with or without htmx); collects page and console errors. */
async function open(path: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(served.url + path)
  return { page, errors }
}

describe("the site's own pages", () => {
  it.each([
    ['/', 'Home · Crumb & Co.', 'Home'],
    ['/menu', 'Menu · Crumb & Co.', 'Menu'],
    ['/contact', 'Contact · Crumb & Co.', 'Contact'],
  ])('%s is plain HTML in the site layout: no script, no hyperdash', async (path, title, current) => {
    const { page, errors } = await open(path)
    expect(await page.title()).toBe(title)
    expect(
      await page.evaluate(() => [
        document.scripts.length,
        'htmx' in window,
        document.querySelector('.hd-app'),
      ])
    ).toEqual([0, false, null])
    expect(await page.textContent('nav a[aria-current=page]')).toBe(current)
    // The site's stylesheet applies.
    expect(await page.$eval('.site-header', (h) => getComputedStyle(h).backgroundColor)).toBe(
      'rgb(107, 62, 31)'
    )
    expect(errors).toEqual([])
  })

  it('posts the contact form as an ordinary form', async () => {
    const { page } = await open('/contact')
    await page.fill('textarea[name=message]', 'Hello there')
    await Promise.all([page.waitForURL(`${served.url}/contact`), page.click('button[type=submit]')])
    expect(await page.textContent('#thanks')).toBe(
      'We got your message (11 characters) and will answer soon.'
    )
    expect(await page.evaluate(() => 'htmx' in window)).toBe(false)
  })
})

describe('the enhanced page, mounted under /dash/', () => {
  it("sits inside the site's layout and is already priced before any script runs", async () => {
    const { page } = await open('/dash/', { javaScriptEnabled: false })
    expect(await page.title()).toBe('Order · Crumb & Co.')
    expect(await page.textContent('.site-header .brand')).toBe('Crumb & Co.')
    expect(await page.textContent('nav a[aria-current=page]')).toBe('Order')
    expect(await page.textContent('footer')).toBe('Crumb & Co. · 12 Rye Lane · open every day but Monday')
    expect(await page.$eval('.site-header', (h) => getComputedStyle(h).backgroundColor)).toBe(
      'rgb(107, 62, 31)'
    )
    expect(await page.textContent('#lines')).toBe('12 × cookie: €18.00')
    expect(await page.textContent('#total')).toBe('€18.00')
  })

  it('prices the order as the user changes it: one request per change, all below /dash/', async () => {
    const { page, errors } = await open('/dash/')
    await page.waitForFunction(() => 'htmx' in window)
    const posts: string[] = []
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url().slice(served.url.length)))
    const total = (text: string) =>
      page.waitForFunction((t) => document.getElementById('total')!.textContent === t, text)

    await page.fill('#qty', '20')
    await total('€30.00')
    await page.check('#extras input[value=delivery]')
    await page.waitForFunction(() => document.getElementById('lines')!.textContent!.includes('Delivery'))
    expect(await page.$$eval('#lines li', (li) => li.map((l) => l.textContent))).toEqual([
      '20 × cookie: €30.00',
      'Delivery: free',
    ])
    await page.check('#extras input[value=box]')
    await total('€33.00')
    await page.fill('#qty', '10')
    await total('€23.00')
    expect(await page.$$eval('#lines li', (li) => li.map((l) => l.textContent))).toEqual([
      '10 × cookie: €15.00',
      'Gift box: €3.00',
      'Delivery: €5.00',
    ])
    // Each change: one request, which ran both callbacks of the chain.
    expect(posts).toEqual(Array(4).fill('/dash/_hd/update'))
    // htmx, hx-sse and the extension; the built-in components' own modules: all below /dash/
    const scripts = await page.$$eval('script[src]', (s) => s.map((e) => e.getAttribute('src')!))
    expect(scripts.filter((s) => s.startsWith('/dash/_hd/static/'))).toHaveLength(3)
    expect(scripts.filter((s) => !/^\/dash\/_hd\/(static|components)\//.test(s))).toEqual([])
    expect(errors).toEqual([])
  })

  it("leaves for the site's other pages by its navigation, as ordinary page loads", async () => {
    const { page } = await open('/dash/')
    await Promise.all([page.waitForURL(`${served.url}/menu`), page.click('nav a[href="/menu"]')])
    expect(await page.evaluate(() => 'htmx' in window)).toBe(false)
    expect(await page.$$eval('#menu li', (li) => li.length)).toBe(3)
  })
})
