/**
 * @module stream.test
 * A chain slower than `streamAfterMs` streams its outputs (SSE) when the client accepts it, one
 * message per finished callback; a client that accepts only HTML gets them all in one answer.
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'

// `fast.children` is an Input of `slow`: its new value travels back in the page, signed again.
const FAST_STATE =
  '<template id="fast" hx-swap-oob="hd" hd-attr="data-hd data-hd-sig" hd-cb="0"><i data-hd="{&quot;kind&quot;:&quot;div&quot;,' +
  '&quot;props&quot;:{&quot;children&quot;:&quot;fast 1&quot;},&quot;read&quot;:{}}" data-hd-sig="t85s00.M4jpfhtNl-6y2kcbYj7UbZkKdZ9"></i></template>'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
// Signatures hold their issue time (state.ts): a fixed clock keeps them the same on every run.
vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })

const app = createApp({
  secret: 'http-stream-test-secret-0123456789',
  streamAfterMs: 10,
  layout: (
    <div>
      <button id="go">go</button>
      <div id="fast" />
      <div id="slow" />
    </div>
  ),
})
app.callback(Output('fast', 'children'), [Input('go', 'n_clicks')], (n) => `fast ${n}`, {
  preventInitialCall: true,
})
app.callback(
  Output('slow', 'children'),
  [Input('fast', 'children')],
  async (f) => {
    await sleep(80)
    return `slow after ${f}`
  },
  { preventInitialCall: true }
)

describe('a slow chain', () => {
  it('streams one SSE message per finished callback to a client that accepts it', async () => {
    const page = await renderPage(app)
    const res = await page.click('go', { stream: true })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    expect(res.messages).toEqual([
      '<template id="fast" hx-swap-oob="hd" hd-children="" hd-cb="0">fast 1</template>' + FAST_STATE,
      '<template id="slow" hx-swap-oob="hd" hd-children="" hd-cb="1">slow after fast 1</template>',
    ])
    expect(res.fragments.map((f) => f.swap)).toEqual(['children', 'attr', 'children'])
    expect([page.text('fast'), page.text('slow')]).toEqual(['fast 1', 'slow after fast 1'])
  })

  it('answers in one piece to a client that accepts only HTML', async () => {
    const page = await renderPage(app)
    const res = await page.click('go')
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(res.messages).toEqual([])
    expect(res.html).toBe(
      '<template id="fast" hx-swap-oob="hd" hd-children="" hd-cb="0">fast 1</template>' +
        FAST_STATE +
        '<template id="slow" hx-swap-oob="hd" hd-children="" hd-cb="1">slow after fast 1</template>'
    )
  })
})
