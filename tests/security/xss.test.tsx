/**
 * XSS: every string a callback returns, or a user types, reaches the page escaped: in children,
 * attributes, style, checklist option labels and slider mark labels. `javascript:` URLs in href
 * (and src, action, …) are refused when rendering. Fragments are parsed by happy-dom, as a browser would.
 */
import fc from 'fast-check'
import { Window, type HTMLTemplateElement } from 'happy-dom'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { BLOCKED_URL, isScriptUrl } from '../../views/render.ts'
import { loadPage, postUpdate, updateJson, type Live } from './helpers.ts'

const app = createApp({
  secret: 'a-test-secret-of-enough-length',
  layout: (
    <div>
      <dcc.Input id="in" />
      <div id="echo" />
      <div id="box" title="t" />
      <div id="linked" />
      <dcc.Checklist id="pick" options={['x']} value={[]} />
      <dcc.Slider id="sl" min={0} max={10} value={1} marks={{ 0: '0' }} />
      <a id="static-bad" href="javascript:alert(1)">
        static
      </a>
    </div>
  ),
})
app.callback(Output('echo', 'children'), [Input('in', 'value')], (v) => v, { preventInitialCall: true })
app.callback(
  [Output('box', 'title'), Output('box', 'style')],
  [Input('in', 'value')],
  (v) => [v, { color: v }],
  {
    preventInitialCall: true,
  }
)
app.callback(Output('linked', 'children'), [Input('in', 'value')], (v) => <a href={String(v)}>{v}</a>, {
  preventInitialCall: true,
})
app.callback(Output('pick', 'options'), [Input('in', 'value')], (v) => [{ label: v, value: 'x' }], {
  preventInitialCall: true,
})
app.callback(Output('sl', 'marks'), [Input('in', 'value')], (v) => ({ 0: v, 10: { label: v } }), {
  preventInitialCall: true,
})

let page: Map<string, Live>
beforeAll(async () => {
  page = await loadPage(app)
})

/** Types `value` into the input and parses the answer's fragments into a document. */
async function type(value: string) {
  const res = await postUpdate(app, updateJson(page, ['in.value'], { 'in.value': value }))
  expect(res.status).toBe(200)
  const html = await res.text()
  const doc = new Window().document
  doc.body.innerHTML = html
  const frag = (id: string) => (doc.querySelector(`template#${id}`) as HTMLTemplateElement).content
  return { html, frag }
}

/** The carrier elements of the attribute swaps in `html` whose `hd-attr` matches `selector`. */
function carriers(html: string, selector = '[hd-attr]') {
  const doc = new Window().document
  doc.body.innerHTML = html
  return [...doc.querySelectorAll(`template${selector}`)].map(
    (t) => (t as HTMLTemplateElement).content.firstElementChild!
  )
}

const PAYLOAD = `<img src=x onerror="alert(1)">"'&</b><script>alert(2)</script>`

describe('what a user types, echoed by callbacks', () => {
  it('stays text in children', async () => {
    const { frag } = await type(PAYLOAD)
    const echo = frag('echo')
    expect(echo.textContent).toBe(PAYLOAD)
    expect(echo.querySelectorAll('*').length).toBe(0)
  })

  it('stays one attribute value in attributes and style', async () => {
    const { html } = await type(PAYLOAD)
    const title = carriers(html).find((c) => c.hasAttribute('title'))!
    const style = carriers(html).find((c) => c.hasAttribute('style'))!
    expect(title.getAttribute('title')).toBe(PAYLOAD)
    expect([...title.attributes].map((a) => a.name)).toEqual(['title'])
    // hono/jsx drops a style value that could break out of its declaration; the attribute stays empty.
    expect(style.getAttribute('style')).toBe('')
    expect([...style.attributes].map((a) => a.name)).toEqual(['style'])
  })

  it('keeps a style value that stays inside its declaration, and drops one that would add another', async () => {
    const plain = await type('rgb(1, 2, 3)')
    expect(plain.html).toContain('<i style="color:rgb(1, 2, 3)"></i>')
    const injected = await type('red; background: url(https://evil.example/x)')
    expect(injected.html).toContain('<i style=""></i>')
  })

  it('stays text in checklist option labels and slider mark labels', async () => {
    const { frag } = await type(PAYLOAD)
    const label = frag('pick').querySelector('label')!
    expect(label.textContent).toBe(PAYLOAD)
    expect(label.querySelectorAll('*').length).toBe(1) // the checkbox only
    const marks = [...frag('sl').querySelectorAll('.hd-slider-mark')]
    expect(marks.map((m) => m.textContent)).toEqual([PAYLOAD, PAYLOAD])
    expect(marks.every((m) => m.children.length === 0)).toBe(true)
  })

  it('any string: text in children, one attribute in attributes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.constantFrom('<', '>', '"', "'", '&', '/', '=', ' ', 'a', 'img', 'script', 'on', '\u00e9'),
        }),
        async (s) => {
          const { frag, html } = await type(s)
          expect(frag('echo').textContent).toBe(s)
          expect(frag('echo').querySelectorAll('*').length).toBe(0)
          expect(carriers(html, '[hd-attr="title"]').map((c) => c.getAttribute('title'))).toEqual([s])
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe('script URLs', () => {
  const cases = [
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:x',
  ]
  for (const url of cases) {
    it(`${JSON.stringify(url)} in an href a callback returns → ${BLOCKED_URL}`, async () => {
      const { frag } = await type(url)
      expect(frag('linked').querySelector('a')!.getAttribute('href')).toBe(BLOCKED_URL)
    })
  }

  it('ordinary URLs pass untouched', async () => {
    for (const url of [
      'https://example.com/a?b=1',
      '/relative',
      '#frag',
      'mailto:a@b.c',
      'javascript-guide.html',
    ]) {
      const { frag } = await type(url)
      expect(frag('linked').querySelector('a')!.getAttribute('href')).toBe(url)
    }
  })

  it('in the layout too', async () => {
    const html = await (await app.fetch(new Request('http://localhost/'))).text()
    expect(html).toContain(`<a id="static-bad" href="${BLOCKED_URL}">static</a>`)
  })

  it('isScriptUrl: case, whitespace and control characters do not hide the scheme', () => {
    expect(cases.map(isScriptUrl)).toEqual([true, true, true, true, true])
    expect(['http://x', 'javascript', 'xjavascript:', 'data:text/plain,hi'].map(isScriptUrl)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
})
