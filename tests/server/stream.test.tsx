/**
 * Time at the HTTP level: streaming, timeouts, clients that leave, and many users at once.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { app as primeApp } from '../../examples/prime-factors.tsx'
import { components, FORM, updateBody } from './page-state.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function chainApp() {
  const log: string[] = []
  let signal: AbortSignal | null = null
  const app = createApp({
    secret: 'a-test-secret-of-some-length',
    callbackTimeoutMs: 300,
    layout: (
      <div>
        <button id="go">go</button>
        <div id="fast" />
        <div id="slow" />
        <div id="after-slow" />
        <div id="stuck" />
        <div id="after-stuck" />
      </div>
    ),
  })
  app.callback(Output('fast', 'children'), [Input('go', 'n_clicks')], (n) => {
    log.push('fast')
    return `fast ${n}`
  })
  app.callback(Output('slow', 'children'), [Input('go', 'n_clicks')], async (n, ctx) => {
    if (n == null) return 'idle'
    signal = ctx.signal
    await sleep(150)
    log.push('slow')
    return `slow ${n}`
  })
  app.callback(Output('after-slow', 'children'), [Input('slow', 'children')], (s) => {
    log.push('after-slow')
    return `after ${s}`
  })
  app.callback(
    Output('stuck', 'children'),
    [Input('go', 'n_clicks')],
    async (n) => {
      if (n == null) return 'idle'
      await new Promise(() => {}) // never settles: the timeout must end it
    },
    { name: 'stuck' }
  )
  app.callback(Output('after-stuck', 'children'), [Input('stuck', 'children')], (s) => {
    log.push('after-stuck')
    return `after ${s}`
  })
  return { app, log, signal: () => signal }
}

async function post(
  app: { request: (p: string, i?: RequestInit) => Promise<Response> },
  body: string,
  accept = 'text/html, text/event-stream',
  signal?: AbortSignal
) {
  return app.request('/_hd/update', { method: 'POST', body, headers: { ...FORM, Accept: accept }, signal })
}

describe('a chain slower than streamAfterMs', () => {
  it('streams one SSE message per finished batch; a timed-out callback ends in an error fragment, the others land', async () => {
    const { app, log } = chainApp()
    const page = components(await (await app.request('/')).text())
    log.length = 0 // forget the initial calls of the page render
    const t0 = Date.now()
    const res = await post(app, updateBody(page, ['go.n_clicks'], { 'go.n_clicks': 1 }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const text = await res.text()
    const messages = text.split('\n\n').filter((m) => m.trim())
    expect(messages.length).toBeGreaterThanOrEqual(2)
    const data = messages.map((m) =>
      m
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .join('\n')
    )
    expect(data[0]).toContain(
      '<template id="fast" hx-swap-oob="hd" hd-children="" hd-cb="0">fast 1</template>'
    )
    const all = data.join('\n')
    expect(all).toContain('>slow 1</template>')
    expect(all).toContain('>after slow 1</template>')
    // the stuck callback timed out: an error fragment, its output unchanged, downstream not run (R30)
    expect(all).toContain('Callback error updating stuck.children')
    expect(all).toContain('did not finish within 300 ms')
    expect(all).not.toContain('after-stuck')
    expect(log).toEqual(['fast', 'slow', 'after-slow'])
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300)
  })

  it('answers with plain HTML when the client does not accept a stream', async () => {
    const { app } = chainApp()
    const page = components(await (await app.request('/')).text())
    const res = await post(app, updateBody(page, ['go.n_clicks'], { 'go.n_clicks': 2 }), 'text/html')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('>fast 2</template>')
    expect(html).toContain('>after slow 2</template>')
    expect(res.headers.get('server-timing')).toMatch(/cb0;desc=".*";dur=/)
  })

  it('stops the work of a client that leaves mid-stream: the callback sees its signal abort, nothing downstream runs', async () => {
    const { app, log, signal } = chainApp()
    const page = components(await (await app.request('/')).text())
    log.length = 0
    const controller = new AbortController()
    const res = await post(
      app,
      updateBody(page, ['go.n_clicks'], { 'go.n_clicks': 3 }),
      undefined,
      controller.signal
    )
    const reader = res.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toContain('fast 3')
    controller.abort()
    await reader.cancel().catch(() => {})
    await sleep(400)
    expect(signal()?.aborted).toBe(true)
    expect(log).not.toContain('after-slow')
  })
})

describe('50 users at once on one process', () => {
  it('each sees only the result of their own number', async () => {
    const page = components(await (await primeApp.request('/')).text())
    const numbers = Array.from({ length: 50 }, (_, i) => 1000 + i * 7)
    const responses = await Promise.all(
      numbers.map((n) =>
        post(primeApp, updateBody(page, ['num.value'], { 'num.value': n }), 'text/html').then((r) => r.text())
      )
    )
    responses.forEach((html, i) => {
      const n = numbers[i]!
      const mine = html.match(/<template id="(out|err)"[^>]*>([^<]*)<\/template>/g) ?? []
      expect(mine.length).toBeGreaterThan(0)
      for (const fragment of mine) {
        const text = fragment.replace(/<[^>]+>/g, '')
        if (text) expect(text.startsWith(`${n} is`)).toBe(true)
      }
    })
  })
})
