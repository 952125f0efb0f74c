/**
 * An app whose layout has a `<form>` of its own (examples/own-form.tsx), with JavaScript off and on:
 * the app's search form keeps its controls, its action and its submit button (it posts `q` to the
 * site's own route); the hyperdash controls, one of them inside the app's form, post to the page's
 * hyperdash form (without JavaScript) or send their updates (with it). Also: Enter in a dcc.Input
 * counts its `n_submit` without JavaScript, and two apps on one page each post their own form.
 */
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch((await import('../../examples/own-form.tsx')).site.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

/** Opens the library page; records the paths of the page's POSTs and whole-page loads. */
async function openPage(context: BrowserContext, url = served.url + '/') {
  const page = await context.newPage()
  const posts: string[] = []
  const errors: string[] = []
  page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(url)
  return { page, posts, errors }
}

/** Clicks or presses, and waits for the page load it causes. */
const navigating = (page: Page, act: () => Promise<unknown>) => Promise.all([page.waitForNavigation(), act()])

describe('without JavaScript', () => {
  let context: BrowserContext
  beforeAll(async () => {
    context = await browser.newContext({ javaScriptEnabled: false })
  })
  afterAll(async () => {
    await context?.close()
  })

  it('the app’s search form posts only its own field to its own route', async () => {
    const { page, posts } = await openPage(context)
    // The layout's form is in the DOM as written: not dropped as a form nested in another.
    expect(await page.$$eval('form', (fs) => fs.map((f) => f.id))).toEqual(['hd-app-form', 'search'])
    expect(await page.$eval('#q', (q) => (q as HTMLInputElement).form?.id)).toBe('search')
    expect(await page.$eval('#suggest', (b) => (b as HTMLButtonElement).form?.id)).toBe('hd-app-form')
    const sent: string[] = []
    page.on('request', (r) => r.method() === 'POST' && sent.push(r.postData() ?? ''))
    await page.fill('#q', 'du')
    await navigating(page, () => page.click('#search-go'))
    expect(new URL(page.url()).pathname).toBe('/search')
    expect(await page.textContent('#search-results')).toBe('2 books match “du”: Dune, Dubliners')
    expect(sent).toEqual(['q=du'])
    // Enter in the search field submits the search form (its own default button), not the app's.
    await page.goto(served.url + '/')
    await page.fill('#q', 'emma')
    await navigating(page, () => page.press('#q', 'Enter'))
    expect(await page.textContent('#search-results')).toBe('1 book matches “emma”: Emma')
    expect(posts).toEqual(['/search', '/search'])
  })

  it('a hyperdash button inside the app’s form posts the hyperdash form to the page', async () => {
    const { page, posts } = await openPage(context)
    await page.fill('#q', 'typed, not sent')
    await navigating(page, () => page.click('#suggest'))
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.textContent('#suggestion')).toBe('Try “Dune” (suggestion 1)')
    await navigating(page, () => page.click('#suggest'))
    expect(await page.textContent('#suggestion')).toBe('Try “Emma” (suggestion 2)')
    expect(posts).toEqual(['/', '/'])
  })

  it('Enter in a dcc.Input counts its n_submit', async () => {
    const { page } = await openPage(context)
    await page.fill('#title', 'Beloved')
    await navigating(page, () => page.press('#title', 'Enter'))
    expect(await page.textContent('#added')).toBe('Added “Beloved” (Enter pressed 1 times, by title)')
    // Again, the text unchanged: the page's only field counting n_submit.
    await navigating(page, () => page.press('#title', 'Enter'))
    expect(await page.textContent('#added')).toBe('Added “Beloved” (Enter pressed 2 times, by title)')
    // The Update button posts the form without an Enter: no n_submit.
    await page.fill('#title', 'Emma')
    await navigating(page, () => page.click('.hd-form-submit'))
    expect(await page.textContent('#added')).toBe('Added “Beloved” (Enter pressed 2 times, by title)')
    expect(await page.inputValue('#title')).toBe('Emma')
  })
})

describe('with JavaScript on, nothing changes', () => {
  it('the hyperdash button and Enter send updates; Search still posts to its route', async () => {
    const { page, posts, errors } = await openPage(await browser.newContext())
    await page.waitForFunction(() => document.documentElement.classList.contains('hd-js'))
    let loads = 0
    page.on('load', () => loads++)
    await page.click('#suggest')
    await page.waitForFunction(() => document.getElementById('suggestion')!.textContent!.includes('1'))
    expect(await page.textContent('#suggestion')).toBe('Try “Dune” (suggestion 1)')
    await page.fill('#title', 'Emma')
    await page.press('#title', 'Enter')
    await page.waitForFunction(() => document.getElementById('added')!.textContent!.startsWith('Added'))
    expect(await page.textContent('#added')).toBe('Added “Emma” (Enter pressed 1 times, by title)')
    expect(loads).toBe(0)
    expect(posts).toEqual(['/_hd/update', '/_hd/update'])
    await page.fill('#q', 'dr')
    await navigating(page, () => page.click('#search-go'))
    expect(await page.textContent('#search-results')).toBe('1 book matches “dr”: Dracula')
    expect(posts).toEqual(['/_hd/update', '/_hd/update', '/search'])
    expect(errors).toEqual([])
  })
})

describe('two apps on one page, without JavaScript', () => {
  let site: Served
  let context: BrowserContext
  function counter(prefix: string) {
    const app = createApp({
      layout: (
        <section>
          <button id={`${prefix}-btn`}>{prefix}</button>
          <output id={`${prefix}-out`}>{prefix} idle</output>
        </section>
      ),
    })
    app.callback(Output(`${prefix}-out`, 'children'), [Input(`${prefix}-btn`, 'n_clicks')], (n) =>
      n == null ? `${prefix} idle` : `${prefix} clicked ${n}`
    )
    return app
  }
  beforeAll(async () => {
    const a = counter('a')
    const b = counter('b')
    const hono = new Hono()
    hono.route('/a', a.mountAt('/a'))
    hono.route('/b', b.mountAt('/b'))
    hono.get('/', async (c) =>
      c.html(
        <html>
          <head>
            <title>two apps</title>
            <link rel="icon" href="data:," />
          </head>
          <body>
            {raw(await a.renderRoot(c.req.url, { basePath: '/a' }))}
            {raw(await b.renderRoot(c.req.url, { basePath: '/b' }))}
          </body>
        </html>
      )
    )
    site = await serveFetch(hono.fetch)
    context = await browser.newContext({ javaScriptEnabled: false })
  })
  afterAll(async () => {
    await context?.close()
    await site?.close()
  })

  it('each root has its own form; a button posts its own app’s form to that app’s page', async () => {
    const { page } = await openPage(context, site.url + '/')
    expect(await page.$$eval('form', (fs) => fs.map((f) => f.id))).toEqual(['hd-app-a-form', 'hd-app-b-form'])
    expect(await page.$eval('#b-btn', (b) => (b as HTMLButtonElement).form?.id)).toBe('hd-app-b-form')
    await navigating(page, () => page.click('#b-btn'))
    expect(new URL(page.url()).pathname).toBe('/b/')
    expect(await page.textContent('#b-out')).toBe('b clicked 1')
  })
})
