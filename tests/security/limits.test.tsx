/**
 * Bounds on work in flight: `maxConcurrentUpdates` answers 503 + `Retry-After` over its cap (streams
 * count until they end), and a loopback load test with a low cap loses no client: each gets its answer,
 * or a 503 it retries. `app.callback(..., { maxConcurrent })` runs at most n calls at once; the rest
 * wait their turn.
 */
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { BUSY_MESSAGE } from '../../src/server/limits.ts'
import { dcc } from '../../views/components/index.ts'
import { loadPage, postUpdate, updateJson } from './helpers.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heapAfterGc = () => (gc(), gc(), process.memoryUsage().heapUsed)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const quiet = { error: () => {}, warn: () => {}, info: () => {} }

function slowApp(options: { maxConcurrentUpdates?: number; maxConcurrent?: number; ms?: number }) {
  let running = 0
  const seen = { peak: 0 }
  const app = createApp({
    secret: 'limits-test-secret-0123456789',
    logger: quiet,
    maxConcurrentUpdates: options.maxConcurrentUpdates,
    layout: (
      <div>
        <dcc.Input id="in" />
        <div id="out" />
      </div>
    ),
  })
  app.callback(
    Output('out', 'children'),
    [Input('in', 'value')],
    async (v) => {
      seen.peak = Math.max(seen.peak, ++running)
      await sleep(options.ms ?? 40)
      running--
      return `echo ${v}`
    },
    { preventInitialCall: true, ...(options.maxConcurrent ? { maxConcurrent: options.maxConcurrent } : {}) }
  )
  return { app, seen }
}

describe('maxConcurrentUpdates', () => {
  it('over the cap → 503 with Retry-After; a stream holds its place until it ends', async () => {
    const { app } = slowApp({ maxConcurrentUpdates: 2, ms: 150 })
    const page = await loadPage(app)
    const body = (v: string) => JSON.stringify(updateJson(page, ['in.value'], { 'in.value': v }))
    const post = (v: string, accept = 'text/html') =>
      Promise.resolve(
        app.fetch(
          new Request('http://localhost/_hd/update', {
            method: 'POST',
            body: body(v),
            headers: { 'content-type': 'application/json', accept },
          })
        )
      )
    // A stream: its head comes back after streamAfterMs, its body 150 ms later.
    const streamed = await post('s', 'text/event-stream')
    expect(streamed.headers.get('content-type')).toBe('text/event-stream')
    const plain = post('p')
    await sleep(10)
    const refused = await post('x')
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(await refused.text()).toBe(BUSY_MESSAGE)
    expect(app.updates.inFlight).toBe(2)
    expect(await streamed.text()).toContain('echo s')
    expect((await plain).status).toBe(200)
    expect(app.updates.inFlight).toBe(0)
    expect((await post('after')).status).toBe(200)
  })

  it('a loopback load test with the cap at 4: every client gets its answer (retrying 503s), none lost, memory flat', async () => {
    const { app } = slowApp({ maxConcurrentUpdates: 4, ms: 30 })
    const page = await loadPage(app)
    const server = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => s.close(() => r())) })
      )
    })
    const CLIENTS = 40
    const EACH = 5
    const answers = new Map<string, number>()
    let retries = 0
    const heap0 = heapAfterGc()
    const t0 = performance.now()
    try {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < EACH; i++) {
            const v = `c${c}-${i}`
            const accept = i % 2 ? 'text/event-stream' : 'text/html'
            for (let attempt = 0; ; attempt++) {
              expect(attempt).toBeLessThan(30)
              const res = await fetch(server.url + '/_hd/update', {
                method: 'POST',
                body: JSON.stringify(updateJson(page, ['in.value'], { 'in.value': v })),
                headers: { accept, 'content-type': 'application/json' },
              })
              const text = await res.text()
              if (res.status === 503) {
                retries++
                // What the page does: wait Retry-After (scaled down ×10 to keep the test short).
                await sleep(Number(res.headers.get('retry-after')) * 100)
                continue
              }
              expect(res.status).toBe(200)
              expect(text).toContain(`echo ${v}<`)
              answers.set(v, (answers.get(v) ?? 0) + 1)
              break
            }
          }
        })
      )
    } finally {
      await server.close()
    }
    const ms = performance.now() - t0
    const heapMb = (heapAfterGc() - heap0) / 1e6
    console.info(
      `load: ${CLIENTS * EACH} updates from ${CLIENTS} clients, cap 4: ${retries} 503s retried, peak in flight ` +
        `${app.updates.peak}, ${ms.toFixed(0)} ms, heap ${heapMb >= 0 ? '+' : ''}${heapMb.toFixed(1)} MB`
    )
    expect(answers.size).toBe(CLIENTS * EACH)
    expect([...answers.values()].every((n) => n === 1)).toBe(true)
    expect(retries).toBeGreaterThan(0)
    expect(app.updates.refused).toBe(retries)
    expect(app.updates.peak).toBeLessThanOrEqual(4)
    expect(app.updates.inFlight).toBe(0)
    expect(heapMb).toBeLessThan(10)
  })
})

describe('maxConcurrent per callback', () => {
  it('runs at most n calls at once; the others wait their turn and all are answered', async () => {
    const { app, seen } = slowApp({ maxConcurrent: 2, ms: 40 })
    const page = await loadPage(app)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postUpdate(app, updateJson(page, ['in.value'], { 'in.value': `v${i}` }))
      )
    )
    for (const [i, r] of results.entries()) expect(await r.text()).toContain(`echo v${i}<`)
    expect(seen.peak).toBe(2)
  })

  it('without it, the same calls run all at once', async () => {
    const { app, seen } = slowApp({ ms: 40 })
    const page = await loadPage(app)
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postUpdate(app, updateJson(page, ['in.value'], { 'in.value': `v${i}` }))
      )
    )
    expect(seen.peak).toBe(10)
  })
})
