/**
 * @module defaults.test
 * What an app does out of the box, as a user outside this repository meets it: routes the user adds
 * after createApp answer, unknown paths are 404, development mode is off unless asked for, static
 * files carry a content version, the assets folder is served and linked, and a layout written with
 * the plain-JavaScript builder renders the same HTML as the same layout in JSX.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, html, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

const secret = 'http-defaults-test-secret-0123456789'
const quiet = { error() {}, warn() {}, info() {} }
const devEnv = process.env['HYPERDASH_DEV']
afterEach(() => {
  if (devEnv === undefined) delete process.env['HYPERDASH_DEV']
  else process.env['HYPERDASH_DEV'] = devEnv
})

const throwing = () => {
  const app = createApp({
    secret,
    logger: quiet,
    layout: (
      <div>
        <button id="btn">go</button>
        <div id="out" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('btn', 'n_clicks')], (n) => {
    if (n) throw new Error('database password is hunter2')
    return 'ready'
  })
  return app
}

describe('routes', () => {
  it('answers a route the user adds to app.hono after createApp', async () => {
    const app = createApp({ secret, layout: <div id="x" /> })
    app.hono.get('/health', (c) => c.json({ ok: true }))
    const res = await app.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('answers 404 for a path that is neither the page nor a route', async () => {
    const app = createApp({ secret, layout: <div id="x" /> })
    const res = await app.request('/no/such/page')
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('Not found: /no/such/page')
  })

  it('answers with the page on the paths the app lists, for dcc.Location routing', async () => {
    const app = createApp({ secret, paths: ['/report/:id'], layout: <div id="x" /> })
    expect((await app.request('/report/7')).status).toBe(200)
    expect((await app.request('/report')).status).toBe(404)
  })
})

describe('development mode', () => {
  it('is off without configuration, whatever NODE_ENV says: no stack, no dev routes, no Server-Timing', async () => {
    delete process.env['HYPERDASH_DEV']
    const app = throwing()
    const page = await renderPage(app)
    expect(page.html).not.toContain('hyperdash-dev.js')
    expect((await app.request('/_hd/dev')).status).toBe(404)
    const res = await page.click('btn')
    expect(res.headers.get('server-timing')).toBeNull()
    expect(res.html).not.toContain('hunter2')
    expect(res.html).toContain('Something went wrong on the server')
  })

  it('is on with HYPERDASH_DEV=1', async () => {
    process.env['HYPERDASH_DEV'] = '1'
    const app = throwing()
    const page = await renderPage(app)
    expect(page.html).toContain('hyperdash-dev.js')
    const res = await page.click('btn')
    expect(res.html).toContain('hunter2')
    expect(res.headers.get('server-timing')).toMatch(/^cb0;/)
  })
})

describe('static files', () => {
  it('links each file with its content version, cached for a year at that version only', async () => {
    const app = createApp({ secret, layout: <div id="x" /> })
    const page = await (await app.request('/')).text()
    const src = /<script src="(\/_hd\/static\/hyperdash\.js\?v=[\w-]{12})"/.exec(page)?.[1]
    expect(src).toBeDefined()
    const current = await app.request(src!)
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const old = await app.request('/_hd/static/hyperdash.js?v=oldversion12')
    expect(old.headers.get('cache-control')).toBe('no-cache')
    expect(await old.text()).toBe(await current.text())
  })

  it('links the default stylesheet unless the app opts out', async () => {
    const themed = await (await createApp({ secret, layout: <div id="x" /> }).request('/')).text()
    const plain = await (
      await createApp({ secret, theme: false, layout: <div id="x" /> }).request('/')
    ).text()
    expect(plain).not.toContain('hyperdash-theme.css')
    expect(plain).toContain('hyperdash.css?v=')
    expect(themed.includes('hyperdash-theme.css?v=')).toBe(
      (await createApp({ secret, layout: <div /> }).request('/_hd/static/hyperdash-theme.css')).status === 200
    )
  })
})

describe('the assets folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hd-assets-'))
  mkdirSync(join(dir, 'css'))
  writeFileSync(join(dir, 'site.css'), 'body { color: teal }')
  writeFileSync(join(dir, 'css', 'extra.css'), 'p { margin: 0 }')
  writeFileSync(join(dir, 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'draft.css'), 'nope')
  writeFileSync(join(dir, 'favicon.ico'), 'ico')
  writeFileSync(join(dir, '.secret'), 'hidden')
  const app = createApp({
    secret,
    assetsFolder: dir,
    assetsIgnore: /^draft/,
    externalStylesheets: ['https://cdn.example.com/base.css'],
    externalScripts: [
      { src: 'https://cdn.example.com/lib.js', integrity: 'sha384-abc', crossorigin: 'anonymous' },
    ],
    layout: <div id="x" />,
  })

  it('links its stylesheets and scripts in path order, after the external ones, each versioned', async () => {
    const page = await (await app.request('/')).text()
    const links = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) =>
      m[1]!.replace(/\?v=.*/, '')
    )
    expect(links.filter((l) => !l.startsWith('/_hd/'))).toEqual([
      'https://cdn.example.com/base.css',
      '/assets/css/extra.css',
      '/assets/site.css',
    ])
    expect(page).toMatch(/<script src="\/assets\/app\.js\?v=[\w-]{12}" defer=""><\/script>/)
    expect(page).toContain(
      '<script defer="" src="https://cdn.example.com/lib.js" integrity="sha384-abc" crossorigin="anonymous"></script>'
    )
    expect(page).toMatch(/<link rel="icon" href="\/assets\/favicon\.ico\?v=/)
    expect(page).not.toContain('draft.css')
  })

  it('serves its files, and nothing ignored, hidden or outside it', async () => {
    expect(await (await app.request('/assets/css/extra.css')).text()).toBe('p { margin: 0 }')
    expect((await app.request('/assets/site.css')).headers.get('content-type')).toBe(
      'text/css; charset=utf-8'
    )
    for (const path of [
      '/assets/draft.css',
      '/assets/.secret',
      '/assets/../package.json',
      '/assets/%2e%2e/x',
      '/assets/nope.css',
    ]) {
      expect((await app.request(path)).status, path).toBe(404)
    }
  })

  it('lets the CSP load the external origins, and only for styles and scripts', async () => {
    const csp = (await app.request('/')).headers.get('content-security-policy')!
    expect(csp).toContain("style-src-elem 'self' https://cdn.example.com")
    expect(csp).toContain("script-src 'self' https://cdn.example.com")
    expect(csp).toContain("connect-src 'self';")
  })
})

describe('plain JavaScript layouts', () => {
  it('render the same HTML as the same layout in JSX, html.* and dcc.* alike', async () => {
    const make = (layout: unknown) => {
      const app = createApp({ secret, layout })
      app.callback(
        Output('out', 'children'),
        [Input('go', 'n_clicks'), Input('num', 'value')],
        (n, num) => `clicked ${n ?? 0}, num ${num}`
      )
      return app
    }
    const js = make(
      html.Div([
        html.H1('Title'),
        dcc.Input({ id: 'num', type: 'number', value: 3 }),
        dcc.Input({ type: 'text', placeholder: 'in no callback' }),
        html.Button('Go', { id: 'go', className: 'big', style: { color: 'red' } }),
        html.P({ id: 'out' }),
      ])
    )
    const jsx = make(
      <div>
        <h1>Title</h1>
        <dcc.Input id="num" type="number" value={3} />
        <dcc.Input type="text" placeholder="in no callback" />
        <button id="go" className="big" style={{ color: 'red' }}>
          Go
        </button>
        <p id="out" />
      </div>
    )
    const [a, b] = await Promise.all([renderPage(js), renderPage(jsx)])
    expect(a.html).toBe(b.html)
    expect(a.html).toContain('<input type="text" placeholder="in no callback"/>')
    expect(a.text('out')).toBe('clicked 0, num 3')
    expect((await a.fill('num', 7)).html).toBe((await b.fill('num', 7)).html)
    expect(a.text('out')).toBe('clicked 0, num 7')
  })
})

describe('listening', () => {
  it('says in one line that the port is taken, and exits with 1', async () => {
    const { createServer } = await import('node:net')
    const taken = createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    const port = (taken.address() as { port: number }).port
    const lines: string[] = []
    const app = createApp({
      secret,
      layout: <div />,
      logger: { ...quiet, error: (m: string) => lines.push(m) },
    })
    const exited = new Promise<number>((resolve) => {
      vi.spyOn(process, 'exit').mockImplementationOnce(((code: number) => resolve(code)) as never)
    })
    app.listen({ port, hostname: '127.0.0.1', gracefulShutdown: false })
    expect(await exited).toBe(1)
    expect(lines).toEqual([
      `hyperdash: port ${port} on 127.0.0.1 is already in use: stop the other server, or set PORT to a free port.`,
    ])
    taken.close()
  })
})
