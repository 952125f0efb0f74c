/**
 * The first page streams: the root when the initial calls are done or the budget has passed, then each
 * late initial result in the same response, run once, then the finished root for browsers without
 * JavaScript.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'

let runs = 0
const app = createApp({
  secret: 'streamed-http-secret-0123456789abcdef',
  initialBudgetMs: 20,
  layout: (
    <main>
      <dcc.Input id="src" value="a" />
      <div id="quick" />
      <div id="late">waiting</div>
    </main>
  ),
})
app.callback(Output('quick', 'children'), [Input('src', 'value')], (v) => `quick ${v}`)
app.callback(Output('late', 'children'), [Input('src', 'value')], async (v) => {
  runs++
  await new Promise((r) => setTimeout(r, 150))
  return `late ${v}`
})

const between = (html: string, a: string, b: string) =>
  html.slice(html.indexOf(a), html.indexOf(b, html.indexOf(a)))

it('answers the root at the budget, then the late result in the same response, each call run once', async () => {
  runs = 0
  const res = await app.request('/')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
  const html = await res.text()
  expect(runs).toBe(1)
  const root = between(html, '<div id="hd-app"', '<template hd-late="">')
  expect(root).toContain('>quick a</div>')
  expect(root).toContain('>waiting</div>')
  expect(root).not.toContain('hd-meta')
  const late = html.slice(html.indexOf('<template hd-late="">'), html.indexOf('<noscript>'))
  expect(late).toBe(
    '<template hd-late=""></template>\n' +
      '<template hd-late=""><template id="late" hx-swap-oob="hd" hd-children="" hd-cb="1">late a</template></template>\n'
  )
  const fallback = html.slice(html.indexOf('<noscript>'))
  expect(fallback).toMatch(
    /^<noscript><link rel="stylesheet" href="\/_hd\/static\/hyperdash-nojs\.css\?v=[\w-]{12}"\/?><div class="hd-nojs-final"><div id="hd-app"/
  )
  expect(fallback).toContain('>late a</div>')
  expect(fallback.endsWith('</noscript></body></html>')).toBe(true)
})

it('a page whose initial calls finish within the budget is one plain document', async () => {
  const quick = createApp({
    secret: 'streamed-http-secret-0123456789abcdef',
    layout: (
      <main>
        <dcc.Input id="src" value="b" />
        <div id="quick" />
      </main>
    ),
  })
  quick.callback(Output('quick', 'children'), [Input('src', 'value')], (v) => `quick ${v}`)
  const html = await (await quick.request('/')).text()
  expect(html).toContain('>quick b</div>')
  expect(html).not.toContain('hd-late')
  expect(html).not.toContain('<noscript>')
})

it('a layout function that throws: a 500 before any byte of the document', async () => {
  const broken = createApp({
    secret: 'streamed-http-secret-0123456789abcdef',
    layout: () => {
      throw new Error('no layout today')
    },
  })
  const res = await broken.request('/')
  expect(res.status).toBe(500)
  expect(await res.text()).not.toContain('no layout today')
})
