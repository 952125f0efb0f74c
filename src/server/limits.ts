/**
 * @module limits
 * Bounds on work in flight (docs/security.md, "Load"):
 *
 * - {@link UpdateLimiter}: at most `maxConcurrentUpdates` update requests of an app run at once
 *   (a streamed answer counts until its stream ends); over the cap → 503 with `Retry-After`, which
 *   static/hyperdash.js shows as "busy, retrying" and retries after the delay.
 * - {@link limitConcurrency}: a callback registered with `{ maxConcurrent: n }` runs at most n calls
 *   at once; the others wait their turn, in order (their timeout still counts while they wait).
 */
import type { MiddlewareHandler } from 'hono'
import { isPlain } from './plain-response.ts'
import type { AnyCallbackFn } from '../core/callback.ts'
import type { CallbackContext } from '../core/context.ts'

/** Options `app.callback()` takes on top of the engine's. */
export interface LimitOptions {
  /** Most calls of this callback running at once, in this process; more wait their turn. Default: no limit. */
  maxConcurrent?: number
}

/** The answer of a refused update request. */
export const BUSY_MESSAGE =
  "The server is busy (too many update requests in flight: the app's `maxConcurrentUpdates`). Retry later."

/** Caps the update requests of an app in flight: a Hono middleware, and its counters. */
export class UpdateLimiter {
  #inFlight = 0
  /** Requests refused with 503 so far. */
  refused = 0
  /** Most requests in flight at once so far. */
  peak = 0

  /** `max` 0 or less: no limit. `retryAfterSeconds`: the `Retry-After` of a refusal. */
  constructor(
    readonly max: number,
    readonly retryAfterSeconds = 1
  ) {}

  /** Update requests running now (streams until they end). */
  get inFlight(): number {
    return this.#inFlight
  }

  readonly middleware: MiddlewareHandler = async (c, next) => {
    if (this.max <= 0) return next()
    if (this.#inFlight >= this.max) {
      this.refused++
      c.header('Retry-After', String(this.retryAfterSeconds))
      return c.text(BUSY_MESSAGE, 503)
    }
    this.#inFlight++
    if (this.#inFlight > this.peak) this.peak = this.#inFlight
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.#inFlight--
    }
    try {
      await next()
    } catch (err) {
      release()
      throw err
    }
    const res = c.res
    // A stream keeps its request in flight until it ends or its client leaves.
    if (!isPlain(res) && res.body && /^text\/event-stream/.test(res.headers.get('content-type') ?? '')) {
      c.res = new Response(untilDone(res.body, release), { status: res.status, headers: res.headers })
    } else release()
  }
}

/** The same bytes as `body`; calls `done` once when it ends, fails or is cancelled. */
function untilDone(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const step = await reader.read()
        if (step.done) {
          done()
          controller.close()
        } else controller.enqueue(step.value)
      } catch (err) {
        done()
        controller.error(err)
      }
    },
    cancel(reason) {
      done()
      return reader.cancel(reason)
    },
  })
}

/**
 * `fn` with at most `max` calls running at once; the others wait, first come first served. A waiting
 * call whose context's signal aborts (its timeout, or its client left) leaves the queue.
 */
export function limitConcurrency(fn: AnyCallbackFn, max: number): AnyCallbackFn {
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`maxConcurrent must be a positive integer; got ${String(max)}.`)
  }
  let running = 0
  const waiting: { go: () => void; signal?: AbortSignal; onAbort?: () => void }[] = []
  // The signal is read only when the call must wait (the context creates it lazily).
  const acquire = (signalOf: () => AbortSignal | undefined): Promise<void> | null => {
    if (running < max && waiting.length === 0) {
      running++
      return null
    }
    const signal = signalOf()
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const w: (typeof waiting)[number] = { go: resolve, signal }
      if (signal) {
        w.onAbort = () => {
          const i = waiting.indexOf(w)
          if (i >= 0) waiting.splice(i, 1)
          reject(signal.reason)
        }
        signal.addEventListener('abort', w.onAbort, { once: true })
      }
      waiting.push(w)
    })
  }
  // The slot passes to the next waiting call directly, so a new call cannot overtake it.
  const release = () => {
    const w = waiting.shift()
    if (!w) return void running--
    if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort)
    w.go()
  }
  const wrapper = async (...args: unknown[]) => {
    const ctx = args[args.length - 1] as CallbackContext | undefined
    const turn = acquire(() => ctx?.signal)
    if (turn) await turn
    try {
      return await (fn as (...a: unknown[]) => unknown)(...args)
    } finally {
      release()
    }
  }
  Object.defineProperty(wrapper, 'name', { value: fn.name })
  return wrapper as AnyCallbackFn
}
