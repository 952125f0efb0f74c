/**
 * @module update-route
 * POST: one user event → the whole downstream chain, in one response (DESIGN.md §1.1–1.2).
 * A chain done within `streamAfterMs` answers with plain HTML (or 204); a slower one streams each
 * batch of results as it is applied (SSE, applied by htmx's hx-sse extension). Both read the
 * wave's one stream of results.
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { startWave, type CallbackResult, type Wave } from '../core/run.ts'
import { parseUpdateRequest } from '../protocol/request.ts'
import { validateUpdate, type ValidatedUpdate } from '../protocol/validate.ts'
import {
  renderDeferred,
  renderFailedBatch,
  renderRerenders,
  renderResults,
  renderStreamMeta,
} from '../../views/results.tsx'
import type { AppContext } from './context.ts'
import { createEngine, finish } from './engine.ts'
import { plainResponse } from './plain-response.ts'
import { readJson } from './security.ts'
import { signJobToken, type JobToken } from '../protocol/job-token.ts'

export function createUpdateHandler(app: AppContext) {
  const run = createUpdateRunner(app)
  return async function updateRoute(c: Context): Promise<Response> {
    // At most `maxBodyBytes`, else 413 (security.ts, which says why not hono/body-limit).
    const v = validateUpdate(parseUpdateRequest(await readJson(c.req.raw, app.options.maxBodyBytes)), app)
    return run(c, v)
  }
}

/** Answers a validated update: runs its chain and responds (HTML, 204, or a stream). */
export type UpdateRunner = (c: Context, v: ValidatedUpdate) => Promise<Response>

/** The second half of an update, shared by the update route and the upload route (upload-route.ts). */
export function createUpdateRunner(app: AppContext): UpdateRunner {
  const e = createEngine(app)
  const streamAfterMs = app.options.streamAfterMs
  // What a background callback needs of the request (jobs/background.ts): made once, per app.
  const signJob = (t: Omit<JobToken, 'text'>) => signJobToken(app.signer, t)
  const noJobs = { signJob }
  return async function runUpdate(c: Context, v: ValidatedUpdate): Promise<Response> {
    const req = { kind: 'update', requestId: c.get('requestId'), startedAt: c.get('startedAt') } as const
    // A client going away aborts the wave; listened to only once the wave waits for an async
    // callback (a synchronous chain is over before any I/O could tell). Reading `signal` makes
    // @hono/node-server create an AbortController: only then.
    let signal: AbortSignal | null = null
    const clientGone = () => wave.abort()
    const wave: Wave = startWave({
      ...e.wave,
      page: v.page,
      start: v.start,
      external: v.external,
      unseen: v.unseen,
      extras: v.jobs ? { jobs: v.jobs, signJob } : noJobs,
      handBackAfterMs: streamAfterMs,
      onWait: () => {
        signal = c.req.raw.signal
        signal.addEventListener('abort', clientGone, { once: true })
      },
    })
    const opts = {
      ...e.render,
      page: v.page,
      dev: app.dev,
      requestId: req.requestId,
      errorsId: e.ids.errors,
      states: v.states,
      onRenderError: (err: unknown) =>
        app.logger.error(`hyperdash [${req.requestId}] a component failed to render:`, err),
    }
    // A batch that cannot be rendered at all still reaches the page, as an error fragment with the
    // request's reference: never a 500, never an empty stream (issue 15, item 6).
    const render = async (batch: readonly CallbackResult[]) => {
      try {
        return await renderResults(batch, opts)
      } catch (err) {
        app.logger.error(`hyperdash [${req.requestId}] rendering the results failed:`, err)
        return renderFailedBatch(err, batch, opts)
      }
    }
    const streams = /text\/event-stream/.test(c.req.header('accept') ?? '')
    // Everything applied by the end of the wave, or by `streamAfterMs` when the client takes a stream.
    const first = await wave.results.readFor(streams ? streamAfterMs : Infinity)
    if (first.done) {
      ;(signal as AbortSignal | null)?.removeEventListener('abort', clientGone)
      const outcome = await wave.outcome
      const html =
        (await render(first.items)) +
        (await renderRerenders(v.rerender, outcome.results, opts)) +
        (await renderDeferred(outcome.deferred, outcome.clientside))
      finish(app, req, outcome, html ? 200 : 204)
      // One plain record of headers (security.ts, plain-response.ts): no WHATWG Headers built.
      const headers: Record<string, string> = { ...(c.get('secureHeaders') ?? {}) }
      if (html) headers['Content-Type'] = 'text/html; charset=UTF-8'
      if (app.dev && outcome.results.length) headers['Server-Timing'] = serverTiming(outcome.results)
      return plainResponse(html || null, html ? 200 : 204, headers)
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => wave.abort())
      const send = async (html: string) => {
        if (html && !stream.aborted) await stream.writeSSE({ data: html })
      }
      const withMeta = async (batch: readonly CallbackResult[]) =>
        (await render(batch)) + (await renderStreamMeta(batch))
      await send(await withMeta(first.items))
      // Each batch holds what was applied while the previous one was written.
      for await (const batch of wave.results) await send(await withMeta(batch))
      const outcome = await wave.outcome
      await send(await renderRerenders(v.rerender, outcome.results, opts))
      await send(await renderDeferred(outcome.deferred, outcome.clientside))
      finish(app, req, outcome, 200)
    })
  }
}

/** `Server-Timing` entries, one per callback run. */
function serverTiming(results: readonly CallbackResult[]): string {
  return results
    .map((r) => `cb${r.cb.index};desc=${JSON.stringify(`${r.cb.name} (${r.status})`)};dur=${r.ms}`)
    .join(', ')
}
