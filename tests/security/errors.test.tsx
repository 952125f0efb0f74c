/**
 * Callbacks that fail: past their timeout, or throwing. The request completes with an error fragment;
 * in production the page gets a reference and no detail, and the log gets the error with that reference.
 */
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { loadPage, postUpdate, updateJson } from './helpers.ts'

function failingApp(dev: boolean) {
  const errors: unknown[][] = []
  const app = createApp({
    dev,
    secret: 'a-test-secret-of-enough-length',
    logger: { error: (...a: unknown[]) => void errors.push(a), warn: () => {}, info: () => {} },
    callbackTimeoutMs: 200,
    layout: (
      <div>
        <button id="hang">hang</button>
        <button id="boom">boom</button>
        <div id="hung" />
        <div id="exploded" />
      </div>
    ),
  })
  app.callback(
    Output('hung', 'children'),
    [Input('hang', 'n_clicks')],
    async function hangs() {
      await new Promise(() => {})
      return 'never'
    },
    { preventInitialCall: true }
  )
  app.callback(
    Output('exploded', 'children'),
    [Input('boom', 'n_clicks')],
    function explodes() {
      throw new Error('secret detail: db password is hunter2')
    },
    { preventInitialCall: true }
  )
  return { app, errors }
}

async function click(app: ReturnType<typeof failingApp>['app'], id: string) {
  const page = await loadPage(app)
  const res = await postUpdate(app, updateJson(page, [`${id}.n_clicks`], { [`${id}.n_clicks`]: 1 }))
  return { status: res.status, html: await res.text() }
}

describe('an async callback past its timeout', () => {
  it('ends the request with an error fragment naming the timeout', async () => {
    const { app, errors } = failingApp(true)
    const { status, html } = await click(app, 'hang')
    expect(status).toBe(200)
    expect(html).toContain('<template hx-swap-oob="beforeend:#hd-errors">')
    expect(html).toContain('The callback hangs did not finish within 200 ms and was abandoned.')
    expect(errors.length).toBe(1)
  })
})

describe('a throwing callback in production', () => {
  it('shows a reference and no message or stack; the log has the error under that reference', async () => {
    const { app, errors } = failingApp(false)
    const { status, html } = await click(app, 'boom')
    expect(status).toBe(200)
    expect(errors.length).toBe(1)
    const [line, err] = errors[0]!
    const id = /^hyperdash \[([\w-]+)\] callback explodes failed:$/.exec(String(line))?.[1]
    expect(id).toBeDefined()
    expect((err as Error).message).toBe('secret detail: db password is hunter2')
    expect(html).toContain(`Reference: ${id}.`)
    expect(html).not.toContain('hunter2')
    expect(html).not.toContain('errors.test')
    expect(html).not.toMatch(/\bat \S+ \(/)
  })

  it('shows message and stack in development', async () => {
    const { app } = failingApp(true)
    const { html } = await click(app, 'boom')
    expect(html).toContain('secret detail: db password is hunter2')
    expect(html).toContain('errors.test.tsx')
  })

  it('answers an internal error with 500 and a reference only', async () => {
    const errors: unknown[][] = []
    const app = createApp({
      dev: false,
      secret: 'a-test-secret-of-enough-length',
      logger: { error: (...a: unknown[]) => void errors.push(a), warn: () => {}, info: () => {} },
      layout: () => {
        throw new Error('layout secret hunter2')
      },
    })
    const res = await app.fetch(new Request('http://localhost/'))
    const text = await res.text()
    expect(res.status).toBe(500)
    const id = /^hyperdash \[([\w-]+)\] GET \/ failed:$/.exec(String(errors[0]![0]))?.[1]
    expect(text).toBe(`Internal error (reference ${id}).`)
  })
})
