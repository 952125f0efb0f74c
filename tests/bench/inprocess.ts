/**
 * @module inprocess
 * Server-side work of one update without a socket: its answer through `app.fetch`, and the engine
 * alone (parse, validate, plan and run the wave; no HTTP, no rendering), in CPU time.
 */
import type { HyperApp } from '../../src/index.ts'
import { runWave } from '../../src/core/run.ts'
import { parseUpdateRequest } from '../../src/protocol/request.ts'
import { validateUpdate } from '../../src/protocol/validate.ts'
import { createEngine } from '../../src/server/engine.ts'
import { updateRequest, type Update } from './client.ts'
import { timeMedian } from './stats.ts'

const BASE = 'http://127.0.0.1'

/** What one update answers: status, bytes, and the OOB fragments it carries. */
export async function answer(app: HyperApp, body: Update) {
  const res = await app.fetch(updateRequest(BASE, body))
  const text = await res.text()
  return {
    status: res.status,
    bytes: Buffer.byteLength(text),
    templates: text.match(/<template [^>]*hx-swap-oob="hd"/g)?.length ?? 0,
    ids: new Set([...text.matchAll(/<template id="([^"]+)" hx-swap-oob="hd"/g)].map((m) => m[1]!)),
    streamed: (res.headers.get('content-type') ?? '').includes('event-stream'),
  }
}

/** Iterations per batch so that one batch takes about `targetMs`. */
export async function calibrate(fn: () => Promise<unknown>, targetMs: number) {
  const t0 = performance.now()
  let n = 0
  while (performance.now() - t0 < targetMs / 4 && n < 10_000) {
    await fn()
    n++
  }
  const per = (performance.now() - t0) / n
  return Math.max(1, Math.round(targetMs / per))
}

export interface TimeOptions {
  batches: number
  batchMs: number
}

/** Median CPU time (ms) of the engine alone for one update: parse, validate, plan and run the wave. */
export async function engineTime(app: HyperApp, body: Update, o: TimeOptions): Promise<number> {
  const ctx = app.context
  // The body as the update route reads it (src/server/security.ts): JSON, as the extension posts it.
  const text = await updateRequest('http://127.0.0.1', body).text()
  const wave = createEngine(ctx).wave
  const fn = async () => {
    const v = validateUpdate(parseUpdateRequest(JSON.parse(text)), ctx)
    await runWave({ ...wave, page: v.page, start: v.start, external: v.external, unseen: v.unseen })
  }
  const perBatch = await calibrate(fn, o.batchMs)
  return timeMedian(fn, { batches: o.batches, perBatch, warmup: perBatch })
}
