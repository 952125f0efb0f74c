/**
 * @module markdown.test
 * dcc.Markdown: rendered on the server, sanitised (raw HTML escaped, script links refused), links
 * with `link_target`, code blocks with `class="language-x"`, and a callback returning new Markdown.
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc, renderMarkdown } from '../../views/components/index.ts'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-markdown-test-secret-0123456789'

describe('sanitising (no raw HTML, no script links)', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n'],
    [
      '<a href="javascript:alert(1)">x</a>',
      '<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n',
    ],
    ['[x](javascript:alert(1))', '<p>[x](javascript:alert(1))</p>\n'],
    ['[x](JaVaScRiPt:alert(1))', '<p>[x](JaVaScRiPt:alert(1))</p>\n'],
    ['[x](&#106;avascript:alert(1))', '<p>[x](javascript:alert(1))</p>\n'],
    ['[x](vbscript:msgbox(1))', '<p>[x](vbscript:msgbox(1))</p>\n'],
    ['[x](data:text/html,<b>)', '<p>[x](data:text/html,&lt;b&gt;)</p>\n'],
    ['[x](file:///etc/passwd)', '<p>[x](file:///etc/passwd)</p>\n'],
    ['<javascript:alert(1)>', '<p>&lt;javascript:alert(1)&gt;</p>\n'],
    ['![i](javascript:alert(1))', '<p>![i](javascript:alert(1))</p>\n'],
    [
      '<iframe src="https://evil.example"></iframe>',
      '<p>&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;</p>\n',
    ],
    ['[x](https://ok.example/?a=1&b="2")', '<p><a href="https://ok.example/?a=1&amp;b=%222%22">x</a></p>\n'],
    ['![dot](data:image/png;base64,AAAA)', '<p><img src="data:image/png;base64,AAAA" alt="dot"></p>\n'],
  ])('%s', (source, html) => {
    expect(renderMarkdown(source)).toBe(html)
  })
})

describe('options', () => {
  it('link_target adds target and rel="noopener noreferrer" to every link', () => {
    expect(renderMarkdown('[a](https://a.example) and <https://b.example>', { link_target: '_blank' })).toBe(
      '<p><a href="https://a.example" target="_blank" rel="noopener noreferrer">a</a> and ' +
        '<a href="https://b.example" target="_blank" rel="noopener noreferrer">https://b.example</a></p>\n'
    )
  })

  it('code blocks carry class="language-x", text escaped', () => {
    expect(renderMarkdown('```python\nprint("<b>")\n```')).toBe(
      '<pre><code class="language-python">print(&quot;&lt;b&gt;&quot;)\n</code></pre>\n'
    )
  })

  it('dangerously_allow_html lets the HTML through as written', () => {
    expect(renderMarkdown('<b>bold</b> *em*', { dangerously_allow_html: true })).toBe(
      '<p><b>bold</b> <em>em</em></p>\n'
    )
  })

  it('dedents by default, as Dash does; dedent=false keeps indented code', () => {
    const src = '\n    # Title\n    text\n'
    expect(renderMarkdown(src)).toBe('<h1>Title</h1>\n<p>text</p>\n')
    expect(renderMarkdown(src, { dedent: false })).toBe('<pre><code># Title\ntext\n</code></pre>\n')
  })

  it('a list of strings is joined by newlines; null is empty', () => {
    expect(renderMarkdown(['# A', '', 'b'])).toBe('<h1>A</h1>\n<p>b</p>\n')
    expect(renderMarkdown(null)).toBe('')
  })
})

describe('in an app', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <dcc.Input id="src" value="# Hello" />
        <dcc.Markdown id="md" link_target="_blank" className="doc">
          {'*initial*'}
        </dcc.Markdown>
        <dcc.Markdown id="static">{'Plain **static** <i>text</i>'}</dcc.Markdown>
      </div>
    ),
  })
  app.callback(Output('md', 'children'), [Input('src', 'value')], (v) => String(v ?? ''))

  it('renders into a <div> carrying the id; the initial call already applied', async () => {
    const page = await renderPage(app)
    expect(page.innerHTML('md')).toBe('<h1>Hello</h1>\n')
    expect(page.attr('md', 'class')).toBe('hd-markdown doc')
    expect(page.outerHTML('static')).toBe(
      '<div id="static" class="hd-markdown"><p>Plain <strong>static</strong> &lt;i&gt;text&lt;/i&gt;</p>\n</div>'
    )
  })

  it('a callback returning new Markdown re-renders it, sanitised', async () => {
    const page = await renderPage(app)
    const res = await page.fill(
      'src',
      '[go](javascript:alert(1)) [ok](https://ok.example) <script>x</script>'
    )
    expect(res.status).toBe(200)
    expect(res.fragments.map((f) => [f.swap, 'id' in f ? f.id : null])).toEqual([['morph', 'md']])
    expect(page.innerHTML('md')).toBe(
      '<p>[go](javascript:alert(1)) <a href="https://ok.example" target="_blank" rel="noopener noreferrer">ok</a> ' +
        '&lt;script&gt;x&lt;/script&gt;</p>\n'
    )
  })
})
