/**
 * Data shaped like an element is still data: a callback returning parsed user JSON cannot create
 * markup, and `javascript:` URLs written by a callback as an attribute are refused.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'

it('renders element-shaped data as text, not as an element', async () => {
  const app = createApp({
    secret: 'element-shaped-data-secret',
    layout: (
      <div>
        <input id="json" />
        <button id="go">go</button>
        <div id="out" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('go', 'n_clicks')], (n) =>
    n ? [JSON.parse('{"tag":"script","props":{},"children":["alert(1)"]}')] : ''
  )
  const page = await renderPage(app)
  const res = await page.click('go')
  expect(res.html).not.toContain('<script')
  expect(page.innerHTML('out')).toBe('')
})

it('refuses a javascript: URL that a callback writes into an attribute', async () => {
  const app = createApp({
    secret: 'attribute-url-secret-0000',
    layout: (
      <div>
        <button id="go">go</button>
        <a id="link" href="/safe">
          link
        </a>
      </div>
    ),
  })
  app.callback(Output('link', 'href'), [Input('go', 'n_clicks')], (n) =>
    n ? 'javascript:alert(1)' : '/safe'
  )
  const page = await renderPage(app)
  const res = await page.click('go')
  expect(res.html).not.toContain('javascript:')
  expect(page.attr('link', 'href')).toBe('about:blank')
})
