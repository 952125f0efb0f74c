/**
 * Code that misbehaves: a callback stuck in a synchronous loop. On the main thread it holds back every
 * other request of the process (measured here, as the reason for the `worker` option); in a worker
 * thread the other requests are answered while it loops, and its timeout terminates the thread.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { UPDATE_PATH } from '../../src/protocol/constants.ts'
import { app } from './fixtures/worker-app.tsx'
import { loadPage, ORIGIN, postUpdate, updateJson, type Live } from './helpers.ts'

describe('without the worker option: a synchronous loop stalls the process', () => {
  const events: string[] = []
  const blocking = createApp({
    layout: (
      <div>
        <button id="block">block</button>
        <button id="fast">fast</button>
        <div id="a" />
        <div id="b" />
      </div>
    ),
  })
  let page: Map<string, Live>
  const fastBody = () => updateJson(page, ['fast.n_clicks'], { 'fast.n_clicks': 1 })
  let fastDone: Promise<Response> | undefined
  blocking.callback(
    Output('a', 'children'),
    [Input('block', 'n_clicks')],
    (n) => {
      // Another user's request starts now; it cannot be served until this loop gives the thread back.
      fastDone = postUpdate(blocking, fastBody())
      events.push('loop started')
      const end = Date.now() + 300
      while (Date.now() < end);
      events.push('loop ended')
      return `blocked ${n}`
    },
    { preventInitialCall: true }
  )
  blocking.callback(
    Output('b', 'children'),
    [Input('fast', 'n_clicks')],
    (n) => {
      events.push('other request served')
      return `fast ${n}`
    },
    { preventInitialCall: true }
  )

  it('serves the other request only after the loop ended', async () => {
    page = await loadPage(blocking)
    const res = await postUpdate(blocking, updateJson(page, ['block.n_clicks'], { 'block.n_clicks': 1 }))
    expect(res.status).toBe(200)
    expect((await fastDone!).status).toBe(200)
    expect(events).toEqual(['loop started', 'loop ended', 'other request served'])
  })
})

describe('with { worker: import.meta.url }', () => {
  let page: Map<string, Live>
  const post = (t: string, values: Record<string, unknown>) => postUpdate(app, updateJson(page, [t], values))
  beforeAll(async () => {
    page = await loadPage(app)
  })
  afterAll(() => app.close())

  it('runs the callback in a worker thread', async () => {
    const res = await post('n.value', { 'n.value': 5 })
    expect(await res.text()).toBe(
      '<template id="spun" hx-swap-oob="hd" hd-children="" hd-cb="0">n=5 on a worker thread</template>'
    )
  })

  it('brings back JSX, hyperdash components and the context', async () => {
    const res = await post('n.value', { 'n.value': -3 })
    expect(await res.text()).toBe(
      '<template id="spun" hx-swap-oob="hd" hd-children="" hd-cb="0"><section class="made-in-worker">' +
        '<b>n &lt;in worker&gt;</b><input id="inner" type="text" value="x"/></section></template>'
    )
  })

  it('answers other requests while a callback loops for ever, then ends the loop with an error fragment', async () => {
    const startedBefore = app.workerPool.started
    const order: string[] = []
    const loop = post('n.value', { 'n.value': -1 }).then(async (r) => {
      order.push('loop answered')
      return { status: r.status, html: await r.text() }
    })
    for (let i = 1; i <= 3; i++) {
      const fast = await post('fast.n_clicks', { 'fast.n_clicks': i })
      expect(await fast.text()).toBe(
        `<template id="fast-out" hx-swap-oob="hd" hd-children="" hd-cb="1">fast ${i}</template>`
      )
      order.push(`other request ${i} answered`)
    }
    const { status, html } = await loop
    expect(order).toEqual([
      'other request 1 answered',
      'other request 2 answered',
      'other request 3 answered',
      'loop answered',
    ])
    expect(status).toBe(200)
    expect(html).toContain('data-callback="spin"')
    expect(html).toContain('The callback spin did not finish within 1500 ms and was abandoned.')
    // The stuck thread was terminated; the next call starts a new one and works.
    const next = await post('n.value', { 'n.value': 7 })
    expect(await next.text()).toBe(
      '<template id="spun" hx-swap-oob="hd" hd-children="" hd-cb="0">n=7 on a worker thread</template>'
    )
    expect(app.workerPool.started).toBe(startedBefore + 1)
    expect(app.workerPool.threads).toBe(1)
  })

  it('does not tear a thread down when a client leaves: the loop runs on until its hard timeout terminates it', async () => {
    const startedBefore = app.workerPool.started
    const client = new AbortController()
    const body = JSON.stringify(updateJson(page, ['n.value'], { 'n.value': -1 }))
    const t0 = performance.now()
    const answer = app.fetch(
      new Request(ORIGIN + UPDATE_PATH, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
        signal: client.signal,
      })
    )
    setTimeout(() => client.abort(), 200)
    await answer
    // The request ended with its client; the thread is still the same (no restart per abort).
    expect(performance.now() - t0).toBeLessThan(1200)
    expect(app.workerPool.started).toBe(startedBefore)
    // The hard timeout (1500 ms) still stops the loop: the thread is terminated and replaced.
    await vi.waitFor(() => expect(app.workerPool.started).toBe(startedBefore + 1), { timeout: 10_000 })
    const next = await post('n.value', { 'n.value': 8 })
    expect(await next.text()).toBe(
      '<template id="spun" hx-swap-oob="hd" hd-children="" hd-cb="0">n=8 on a worker thread</template>'
    )
  })

  it('turns an error thrown in the worker into an error fragment with its message', async () => {
    const res = await post('n.value', { 'n.value': -2 })
    const html = await res.text()
    expect(html).toContain('data-callback="spin"')
    expect(html).toContain('spin failed on purpose')
  })

  it('keeps PreventUpdate: nothing changes (204)', async () => {
    const res = await post('n.value', { 'n.value': -4 })
    expect(res.status).toBe(204)
  })
})
