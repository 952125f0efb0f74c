/**
 * @module client.test
 * The test client's own parts: fragment parsing, and the events it refuses or that the page sends by
 * itself (initial calls left to the browser).
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, noUpdate, Output } from '../../src/index.ts'
import { parseFragments, renderPage } from '../../src/testing.ts'

describe('parseFragments', () => {
  it('reads each kind of fragment, quoting the HTML as it arrived', () => {
    const html =
      '<template id="o" hx-swap-oob="hd" hd-children="" hd-cb="0 2"><b>x</b><input/></template>' +
      '<template id="o" hx-swap-oob="hd" hd-attr="class hidden" hd-cb="1"><i class="c"></i></template>' +
      '<template id="n" hx-swap-oob="hd" hd-morph="" hd-cb="3"><input id="n" value="1"/></template>' +
      '<template hx-swap-oob="beforeend:#hd-errors"><div class="hd-error" data-callback="f"><strong>Callback ' +
      'error</strong><p>went <code>wrong</code>.</p><details><pre>at x</pre></details><button>×</button></div></template>' +
      '<template hd-meta="{&quot;deferred&quot;:[[4,[&quot;a.value&quot;]]]}"></template>'
    expect(parseFragments(html)).toEqual([
      { swap: 'children', id: 'o', cbs: [0, 2], html: '<b>x</b><input>' },
      { swap: 'attr', id: 'o', cbs: [1], attrs: { class: 'c', hidden: null } },
      { swap: 'morph', id: 'n', cbs: [3], html: '<input id="n" value="1">' },
      {
        swap: 'error',
        target: 'hd-errors',
        callback: 'f',
        text: 'Callback error went wrong.',
        html: html.slice(html.indexOf('<div class="hd-error"'), html.indexOf('</template><template hd-meta')),
      },
      { swap: 'meta', deferred: [[4, ['a.value']]] },
    ])
  })
})

describe('events', () => {
  const app = createApp({
    secret: 'client-test-secret-0123456789abcdef',
    initialBudgetMs: 20,
    layout: (
      <div>
        <button id="btn">
          <span id="inner">go</span>
        </button>
        <div id="plain">not listening</div>
        <div id="out" />
        <div id="slow" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('btn', 'n_clicks')], (n) => `clicks: ${n}`)
  app.callback(Output('slow', 'children'), [Input('plain', 'title')], async () => {
    await new Promise((r) => setTimeout(r, 200))
    return 'done late'
  })
  // Something must be able to change an Input (check-inputs.ts): a callback writes plain.title.
  app.callback(Output('plain', 'title'), [Input('btn', 'n_clicks')], () => noUpdate, {
    preventInitialCall: true,
  })

  it('send a click on a child from the element that listens for it', async () => {
    const page = await renderPage(app)
    const res = await page.click('inner')
    expect(res.request.changed).toEqual(['btn.n_clicks'])
    expect(page.text('out')).toBe('clicks: 1')
  })

  it('refuse what a browser would not send, saying why', async () => {
    const page = await renderPage(app)
    await expect(page.prepare({ click: 'plain' })).rejects.toThrow(
      "A click on 'plain' sends no request: no callback has its n_clicks as an Input."
    )
    await expect(page.prepare({ id: 'btn', value: 3 })).rejects.toThrow(
      "Entering a value in 'btn' sends no request: no callback has 'btn.value' as an Input. Its events change btn.n_clicks."
    )
    await expect(page.prepare({ id: 'plain', value: 3 })).rejects.toThrow(
      "Entering a value in 'plain' sends no request: no callback has 'plain.value' as an Input. Use setValue() to " +
        'enter a value that travels with the next request.'
    )
    await expect(page.prepare({ click: 'missing' })).rejects.toThrow(
      "No element with id 'missing' on the page."
    )
  })

  it('an initial call past the budget arrives in the first response, run once: no request on load', async () => {
    const page = await renderPage(app)
    expect(page.deferred).toEqual([])
    expect(page.requests).toHaveLength(0)
    expect(page.text('slow')).toBe('done late')
  })
})
