/**
 * @module content-components.test
 * dcc.ConfirmDialog, ConfirmDialogProvider and Loading as the server renders them: exact markup,
 * what their events send, and the swaps a callback causes. (Markdown: markdown.test.tsx; Upload:
 * upload.test.tsx; their browser halves: tests/browser/components-content.test.ts.)
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'
import { gallery } from '../../examples/gallery.tsx'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-content-components-secret-0123456789'

/** The markup without the signed state (tested elsewhere) and htmx's own marks, to compare exactly. */
const strip = (html: string) =>
  html.replace(/ data-hd="[^"]*" data-hd-sig="[^"]*"/g, '').replace(/ data-htmx-powered="true"/g, '')

describe('ConfirmDialog', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="danger">Delete</button>
        <dcc.ConfirmDialog id="confirm" message="Sure?" />
        <p id="result" />
      </div>
    ),
  })
  app.callback(Output('confirm', 'displayed'), [Input('danger', 'n_clicks')], (n) => Boolean(n))
  app.callback(
    Output('result', 'children'),
    [Input('confirm', 'submit_n_clicks'), Input('confirm', 'cancel_n_clicks')],
    (ok, cancel) => `ok ${ok} cancel ${cancel}`
  )

  it('renders a native <dialog> named by its message, counters at Dash defaults', async () => {
    const page = await renderPage(app)
    expect(strip(page.outerHTML('confirm'))).toBe(
      '<div id="confirm" class="hd-confirm" data-displayed="false" data-submit-n-clicks="0" ' +
        'data-submit-n-clicks-timestamp="-1" data-cancel-n-clicks="0" data-cancel-n-clicks-timestamp="-1" ' +
        'hx-post="/_hd/update" hx-trigger="confirm-submit, confirm-cancel" hx-swap="none" hx-target="body" ' +
        'hx-sync="this:replace" hd-t="submit_n_clicks:confirm-submit cancel_n_clicks:confirm-cancel" hd-affects="result" ' +
        'hd-carry="confirm result">' +
        '<dialog class="hd-confirm-dialog" aria-labelledby="confirm-message"><form method="dialog">' +
        '<p id="confirm-message" class="hd-confirm-message">Sure?</p><div class="hd-confirm-buttons">' +
        '<button type="submit" value="cancel" class="hd-confirm-cancel">Cancel</button>' +
        '<button type="submit" value="ok" class="hd-confirm-ok" autofocus="">OK</button></div></form></dialog></div>'
    )
    expect(page.text('result')).toBe('ok null cancel null') // unset in the layout: null, as in Dash (R9)
  })

  it('a callback setting displayed re-renders it with data-displayed="true" (the module then opens it)', async () => {
    const page = await renderPage(app)
    const res = await page.click('danger')
    expect(res.fragments.map((f) => f.swap)).toEqual(['morph'])
    expect(page.attr('confirm', 'data-displayed')).toBe('true')
  })

  it('OK sends submit_n_clicks (and its timestamp) as changed; the counts are checked', async () => {
    const page = await renderPage(app)
    const body = await page.prepare({ click: 'danger' })
    body.changed = ['confirm.submit_n_clicks']
    // The dialog's own requests carry its chain (`hd-carry`): the dialog and the result.
    const result = { state: page.attr('result', 'data-hd')!, sig: page.attr('result', 'data-hd-sig')! }
    body.components['result'] = { ...result, parent: null, values: {} }
    body.components['confirm']!.values = { submit_n_clicks: 1, cancel_n_clicks: 0, displayed: false }
    const res = await page.send(body)
    expect(res.status).toBe(200)
    expect(page.text('result')).toBe('ok 1 cancel 0')
    body.components['confirm']!.values = { submit_n_clicks: -2, cancel_n_clicks: 0, displayed: false }
    const bad = await page.send(body)
    expect([bad.status, bad.html]).toEqual([
      422,
      "Invalid value for 'confirm.submit_n_clicks': Too small: expected number to be >=0",
    ])
  })
})

describe('ConfirmDialogProvider', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <dcc.ConfirmDialogProvider id="provider" message="Send?">
          <button id="send" class="primary">
            Send
          </button>
        </dcc.ConfirmDialogProvider>
        <p id="sent" />
      </div>
    ),
  })
  app.callback(Output('sent', 'children'), [Input('provider', 'submit_n_clicks')], (n) => `sent ${n}`)
  app.callback(Output('send', 'title'), [Input('send', 'n_clicks')], (n) => `clicked ${n}`)

  it('wraps its child, which stays a live component of its own', async () => {
    const page = await renderPage(app)
    const html = strip(page.outerHTML('provider'))
    expect(html).toContain('<div id="provider" class="hd-confirm hd-confirm-provider" data-displayed="false"')
    expect(html).toContain(
      '<button id="send" class="primary" title="clicked null" hx-post="/_hd/update" hx-trigger="click"'
    )
    expect(page.components['send']).toEqual({
      kind: 'button',
      props: {},
      values: { n_clicks: null },
      parent: 'provider',
    })
  })
})

describe('Loading', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="go">Go</button>
        <dcc.Loading
          id="loading"
          type="circle"
          color="#c00"
          delay_show={300}
          delay_hide={100}
          overlay_style={{ opacity: 0.4 }}
          parent_className="box"
          target_components={{ out: 'children' }}
        >
          <div id="out">before</div>
        </dcc.Loading>
        <dcc.Loading type="graph" fullscreen display="show">
          <span>static</span>
        </dcc.Loading>
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('go', 'n_clicks')], (n) => `after ${n}`)

  it('wraps the children (live inside it) and an accessible spinner, hidden until busy', async () => {
    const page = await renderPage(app)
    expect(strip(page.outerHTML('loading'))).toBe(
      '<div id="loading" class="hd-loading box" data-delay-show="300" data-delay-hide="100" data-display="auto" data-targets="out">' +
        '<div class="hd-loading-content" data-overlay-style="opacity:0.4"><div id="out">after null</div></div>' +
        '<div class="hd-spinner hd-spinner-circle" style="--hd-spinner-color:#c00" role="status" hidden="">' +
        '<span class="hd-spinner-shape" aria-hidden="true"><span></span><span></span><span></span></span>' +
        '<span class="hd-visually-hidden">Loading…</span></div></div>'
    )
    expect(page.attr('go', 'hd-affects')).toBe('out')
  })

  it('maps other Dash types to default; display="show" shows it always; fullscreen', async () => {
    const page = await renderPage(app)
    expect(page.outerHTML().replace(/\n/g, '')).toContain(
      '<div class="hd-loading hd-loading-active" data-delay-show="0" data-delay-hide="0" data-display="show">' +
        '<div class="hd-loading-content"><span>static</span></div>' +
        '<div class="hd-spinner hd-spinner-default hd-spinner-fullscreen" role="status">'
    )
  })

  it('a callback updating an output inside swaps that output only', async () => {
    const page = await renderPage(app)
    const res = await page.click('go')
    expect(res.html).toBe('<template id="out" hx-swap-oob="hd" hd-children="" hd-cb="0">after 1</template>')
  })
})

it('the gallery mounts the example with its upload route under the slug', async () => {
  const html = await (await gallery.request('/components-content/')).text()
  expect(html).toContain('hx-post="/components-content/_hd/upload"')
  const res = await gallery.request('/components-content/_hd/upload', { method: 'POST' })
  expect(res.status).toBe(400)
})

describe('component files', () => {
  it('a page links the files of the dcc components it shows, and only those', async () => {
    const plain = createApp({ secret, layout: <dcc.Input id="x" /> })
    const html = await (await plain.request('/')).text()
    expect(html).not.toContain('/_hd/components/')
    const rich = createApp({ secret, layout: <dcc.Loading>text</dcc.Loading> })
    const head = await (await rich.request('/')).text()
    expect(head.match(/\/_hd\/components\/[^"?]+/g)).toEqual([
      '/_hd/components/dcc.Loading/loading.css',
      '/_hd/components/dcc.Loading/loading.js',
    ])
  })

  it('every app serves every dcc file (a page rendered by another process may name it)', async () => {
    const plain = createApp({ secret, layout: <dcc.Input id="x" /> })
    const res = await plain.request('/_hd/components/dcc.Upload/upload.js')
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
  })
})
