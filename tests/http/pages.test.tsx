/**
 * @module pages.test
 * Multi-page apps over HTTP: each page resolved on the server on first load (its layout, initial
 * calls, status, `<title>`, og/twitter meta), path templates and query parameters passed to layout
 * functions as Dash passes them, 404 and redirects, the registry's order and relative paths, the
 * exact fragments of a navigation request, and the mistakes refused at registration.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createApp, getRelativePath, Input, Output, type HyperApp } from '../../src/index.ts'
import { renderPage, type Fragment } from '../../src/testing.ts'
import { PageContainer } from '../../views/components/index.ts'

process.env['HYPERDASH_SECRET'] = 'http-pages-test-secret-0123456789'

const example = async (): Promise<HyperApp> => (await import('../../examples/pages/app.tsx')).app
const head = (html: string) => html.slice(html.indexOf('<meta name="description"'), html.indexOf('</head>'))
const unsigned = (html: string) => html.replace(/data-hd-sig="[^"]*"/g, 'data-hd-sig="…"')
/** A response's fragments as `swap id: html`, signatures left out. */
const swaps = (fragments: readonly Fragment[]) =>
  fragments.map((f) => `${f.swap} ${'id' in f ? f.id : ''}: ${'html' in f ? unsigned(f.html) : ''}`)

describe('the first load', () => {
  it('holds the page, its initial calls resolved, with its title and meta tags', async () => {
    const page = await renderPage(await example(), '/analytics')
    expect(page.status).toBe(200)
    expect(page.value('analytics-input')).toBe('visits')
    expect(page.text('analytics-output')).toBe('Showing visits')
    expect(page.deferred).toEqual([])
    expect(page.html).toContain('<title>Analytics · hyperdash pages</title>')
    expect(head(page.html)).toBe(
      '<meta name="description" content="Type a metric; the server answers."/>' +
        '<meta name="twitter:card" content="summary_large_image"/>' +
        '<meta name="twitter:url" content="http://localhost/analytics"/>' +
        '<meta name="twitter:title" content="Analytics · hyperdash pages"/>' +
        '<meta name="twitter:description" content="Type a metric; the server answers."/>' +
        '<meta name="twitter:image" content="http://localhost/assets/analytics.png"/>' +
        '<meta property="og:title" content="Analytics · hyperdash pages"/>' +
        '<meta property="og:type" content="website"/>' +
        '<meta property="og:description" content="Type a metric; the server answers."/>' +
        '<meta property="og:image" content="http://localhost/assets/analytics.png"/>'
    )
  })

  it('passes path variables and query parameters to the layout, and titles by them', async () => {
    const page = await renderPage(await example(), '/report/a%20b?view=detail')
    expect(page.status).toBe(200)
    expect([page.text('report-id'), page.text('report-view')]).toEqual(['a b', 'detail'])
    expect(page.html).toContain('<title>Report a b · hyperdash pages</title>')
    expect(page.html).toContain('<meta property="og:description" content="The report a b."/>')
  })

  it('answers a path no page matches with the 404 page and status 404', async () => {
    for (const path of ['/nope', '/report', '/report/7/extra', '/analytics/more']) {
      const page = await renderPage(await example(), path)
      expect(page.status, path).toBe(404)
      expect(page.text('not-found'), path).toBe('Page not foundNo page here. Back home')
      expect(page.html).toContain('<title>Not found · hyperdash pages</title>')
    }
  })

  it('redirects the paths of redirectFrom with 308, keeping the query string', async () => {
    const app = await example()
    const res = await app.request('/home?tab=2')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/?tab=2')
  })

  it('answers routes added to app.hono after the pages', async () => {
    const app = createApp({ layout: <PageContainer /> })
    app.registerPage({ path: '/', layout: <p /> })
    app.hono.get('/health', (c) => c.text('ok'))
    const res = await app.request('/health')
    expect([res.status, await res.text()]).toEqual([200, 'ok'])
  })

  it('builds the menu from pageRegistry, in order, below the base path it is mounted at', async () => {
    const site = new Hono()
    site.route('/pages', (await example()).mountAt('/pages'))
    const res = await site.request('/pages/')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/<nav id="nav".*?<\/nav>/)![0]).toBe(
      '<nav id="nav" aria-label="Pages"><ul>' +
        '<li><a href="/pages/" data-hd-link="">Home</a></li>' +
        '<li><a href="/pages/analytics" data-hd-link="">Analytics</a></li>' +
        '</ul></nav>'
    )
    expect(html).toContain('<section id="home">')
    const missing = await site.request('/pages/nope')
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('<section id="not-found">')
    const moved = await site.request('/pages/home')
    expect([moved.status, moved.headers.get('location')]).toEqual([308, '/pages/'])
  })
})

// A request that accepts a stream (as the browser's does) gets every result of its chain, however
// long it takes; a plain one hands what is left after `streamAfterMs` back to the browser.
describe('a navigation request', () => {
  it('answers with the new page, its initial calls resolved, and its meta, in one response', async () => {
    const page = await renderPage(await example(), '/analytics')
    // What the browser sends when a link to /report/7?view=table is clicked: the container's Location changed.
    // Written as the Location's own event would send it: from the whole page.
    const body = await page.prepare({ id: 'analytics-input', value: 'x' }, { wholePage: true })
    body.changed = ['_pages_location.pathname', '_pages_location.search']
    body.components['_pages_location']!.values = { pathname: '/report/7', search: '?view=table' }
    const res = await page.send(body, { stream: true })
    expect(res.status).toBe(200)
    expect(swaps(res.fragments)).toEqual([
      'children _pages_content: ' +
        '<section><h1>Report</h1><p>Report <span id="report-id">7</span>, view <span id="report-view">table</span></p></section>',
      'morph _pages_meta: ' +
        '<div id="_pages_meta" hidden="" class="hd-page-meta" data-title="Report 7 · hyperdash pages" data-description="The report 7." ' +
        'data-hd="{&quot;kind&quot;:&quot;hd.PageMeta&quot;,&quot;props&quot;:{&quot;title&quot;:&quot;Report 7 · hyperdash pages&quot;,' +
        '&quot;description&quot;:&quot;The report 7.&quot;,&quot;image&quot;:null},&quot;read&quot;:{}}" data-hd-sig="…"></div>',
    ])
    expect(page.text('report-id')).toBe('7')
    expect(page.has('analytics-input')).toBe(false)
  })

  it("runs the new page's initial calls in the same response", async () => {
    const page = await renderPage(await example(), '/analytics')
    await page.fill('analytics-input', 'sales', { stream: true })
    expect(page.text('analytics-output')).toBe('Showing sales')
    // Written as the Location's own event would send it: from the whole page.
    const body = await page.prepare({ id: 'analytics-input', value: 'x' }, { wholePage: true })
    body.changed = ['_pages_location.search']
    delete body.pending
    body.components['_pages_location']!.values = { pathname: '/analytics', search: '?again=1' }
    const res = await page.send(body, { stream: true })
    // The new page's output holds its initial call's result inside the new content.
    expect(res.fragments.map((f) => `${f.swap} ${'id' in f ? f.id : ''}`)).toEqual([
      'children _pages_content',
      'morph _pages_meta',
    ])
    expect(swaps(res.fragments)[0]).toMatch(/<p id="analytics-output" [^>]*>Showing visits<\/p>/)
    expect(page.value('analytics-input')).toBe('visits')
    expect(page.text('analytics-output')).toBe('Showing visits')
    expect(page.requests.length).toBe(2)
    expect(res.fragments.some((f) => f.swap === 'meta')).toBe(false)
  })
})

describe('registerPage', () => {
  const make = () =>
    createApp({
      layout: (
        <div>
          <PageContainer />
        </div>
      ),
    })

  it('orders the registry as Dash: home first unless orders are given, numbers, strings, then the rest', () => {
    const app = make()
    app.registerPage({ path: '/b-page', layout: <p /> })
    app.registerPage({ path: '/', layout: <p /> })
    app.registerPage({ pathTemplate: '/item/<item_id>', layout: () => <p /> })
    expect(app.pageRegistry.map((p) => [p.name, p.path, p.relativePath])).toEqual([
      ['Home', '/', '/'],
      ['B page', '/b-page', '/b-page'],
      ['Item', '/item/none', '/item/none'],
    ])
    const ordered = make()
    ordered.registerPage({ path: '/a', layout: <p /> })
    ordered.registerPage({ path: '/b', layout: <p />, order: 'x' })
    ordered.registerPage({ path: '/c', layout: <p />, order: 2 })
    ordered.registerPage({ path: '/', layout: <p />, order: 1 })
    expect(ordered.pageRegistry.map((p) => p.path)).toEqual(['/', '/c', '/b', '/a'])
  })

  it('passes query parameters as Dash parses them: blanks kept, a repeated key as a list', async () => {
    const app = make()
    let got: unknown = null
    app.registerPage({
      pathTemplate: '/q/<id>',
      layout: (args) => ((got = { ...args }), (<p id="q">{getRelativePath('/x')}</p>)),
    })
    const page = await renderPage(app, '/q/1?a=&b=1&b=2&id=9')
    expect(got).toEqual({ id: '9', a: '', b: ['1', '2'] })
    expect(page.text('q')).toBe('/x')
  })

  it('shows a default 404 page when the app registers none', async () => {
    const app = make()
    app.registerPage({ path: '/', layout: <p id="home" /> })
    const page = await renderPage(app, '/missing')
    expect(page.status).toBe(404)
    expect(page.innerHTML('_pages_content')).toBe('<h1>404 - Page not found</h1>')
    expect(page.html).toContain('<title>hyperdash</title>')
  })

  it('refuses mistakes with a message naming the fix', () => {
    const app = make()
    app.registerPage({ path: '/a', redirectFrom: ['/old'], layout: <p /> })
    expect(() => app.registerPage({ path: '/a/', layout: <p /> })).toThrow(
      "registerPage: the path '/a/' is already taken by the page 'A' (/a). Give each page its own path."
    )
    expect(() => app.registerPage({ path: '/old', layout: <p /> })).toThrow(/already taken/)
    expect(() => app.registerPage({ pathTemplate: '/r/<id', layout: <p /> })).toThrow(
      "registerPage: pathTemplate '/r/<id' has a malformed variable: write each one as <name> (letters, digits, _)."
    )
    expect(() => app.registerPage({ path: 'x', layout: <p /> })).toThrow(
      "registerPage: path 'x' must start with '/'."
    )
    expect(() => app.registerPage({ name: 'nowhere', layout: <p /> })).toThrow(/give the page a `path`/)
  })

  it("checks the callbacks of every page's layout given as JSX at startup, with the main layout", async () => {
    const errors: unknown[] = []
    const app = createApp({
      layout: <PageContainer />,
      logger: { error: (...a: unknown[]) => errors.push(a[1]), warn: () => {}, info: () => {} },
    })
    app.registerPage({ path: '/', layout: <p id="home" /> })
    app.registerPage({ path: '/other', layout: <p id="para" /> })
    app.callback(Output('home', 'children'), [Input('para', 'title')], (t) => t)
    const res = await app.request('/')
    expect(res.status).toBe(500)
    expect(String(errors[0])).toContain(
      "Input('para', 'title'): `title` of a <p> never changes in the browser, and no callback writes it"
    )
  })

  it('refuses to render a page when the layout has no page container', async () => {
    const app = createApp({ layout: <div id="x" /> })
    app.registerPage({ path: '/', layout: <p /> })
    const res = await app.request('/')
    expect(res.status).toBe(500)
  })
})
