/**
 * @module update-route
 * POST: one user event → the whole downstream chain, in one response (DESIGN.md §1.1–1.2).
 * A chain done within `streamAfterMs` answers with plain HTML (or 204); a slower one streams each
 * callback's outputs as it finishes (SSE, applied by htmx's hx-sse extension).
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { runWave, type CallbackResult } from '../core/run.ts'
import { parseUpdateRequest } from '../protocol/request.ts'
import { validateUpdate } from '../protocol/validate.ts'
import type { AppContext } from './context.ts'
import { logErrors, notify, renderOptions, rootIds, waveOptions } from './engine.ts'
import { renderDeferred, renderResults, serverTiming } from './render-results.ts'
import { requestId } from './request-id.ts'
import { readJson } from './security.ts'

const sleep = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms))

export function createUpdateHandler(app: AppContext) {
  return async function updateRoute(c: Context) {
    return handle(app, c)
  }
}

async function handle(app: AppContext, c: Context): Promise<Response> {
  const id = requestId()
  const t0 = performance.now()
  // At most `maxBodyBytes`, else 413 (security.ts, which says why not hono/body-limit).
  const body = parseUpdateRequest(await readJson(c.req.raw, app.options.maxBodyBytes))
  const v = validateUpdate(body, app)
  const pending: CallbackResult[] = []
  const all: CallbackResult[] = []
  let wake: (() => void) | null = null
  const controller = new AbortController()
  const clientGone = () => controller.abort()
  c.req.raw.signal.addEventListener('abort', clientGone, { once: true })
  const wave = runWave({
    ...waveOptions(app),
    page: v.page,
    start: v.start,
    external: v.external,
    signal: controller.signal,
    handBackAfterMs: app.options.streamAfterMs,
    onResult(r) {
      pending.push(r)
      all.push(r)
      wake?.()
    },
  })
  const opts = { ...renderOptions(app, v.page), dev: app.dev, requestId: id, errorsId: rootIds(app).errors }
  const flush = () => renderResults(pending.splice(0), opts)
  const streams = /text\/event-stream/.test(c.req.header('accept') ?? '')
  const outcome = streams ? await Promise.race([wave, sleep(app.options.streamAfterMs)]) : await wave
  if (outcome) {
    c.req.raw.signal.removeEventListener('abort', clientGone)
    logErrors(app, all, id)
    const html = (await flush()) + (await renderDeferred(outcome.deferred))
    if (all.length) c.header('Server-Timing', serverTiming(all))
    const status = html ? 200 : 204
    notify(app, {
      kind: 'update',
      requestId: id,
      at: Date.now(),
      ms: performance.now() - t0,
      results: all,
      deferred: outcome.deferred,
      status,
    })
    return html ? c.html(html) : c.body(null, 204)
  }
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => controller.abort())
    let done = false
    void wave.then(() => {
      done = true
      wake?.()
    })
    for (;;) {
      if (pending.length) {
        const html = await flush()
        if (html && !stream.aborted) await stream.writeSSE({ data: html })
        continue
      }
      if (done || stream.aborted) break
      await new Promise<void>((r) => (wake = r))
      wake = null
    }
    const outcome = await wave
    logErrors(app, all, id)
    const meta = await renderDeferred(outcome.deferred)
    if (meta && !stream.aborted) await stream.writeSSE({ data: meta })
    notify(app, {
      kind: 'update',
      requestId: id,
      at: Date.now(),
      ms: performance.now() - t0,
      results: all,
      deferred: outcome.deferred,
      status: 200,
    })
  })
}
