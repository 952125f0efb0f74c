/**
 * @module dev-route
 * Development tools, registered only when the app is in development (`context.dev`):
 * - `/_hd/dev`: the callback graph, coloured by one of the last requests, and those requests with
 *   what each callback did (fed by `context.observers` into a bounded log);
 * - `/_hd/dev/reload`: a stream of server-sent events that pages listen to, so they reload when
 *   the server restarts (`npm run dev`).
 * In production every path below `/_hd/dev` answers 404 (instead of rendering the app's page).
 */
import type { Context, Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { UpdateEvent, AppContext } from './context.ts'
import { createEngine } from './engine.ts'
import { BOOT_ID, DEV_PATH, RELOAD_PATH } from '../../views/dev/assets.tsx'
import { DevPage } from '../../views/dev/page.tsx'
import type { DevRequest, DevRun } from '../../views/dev/records.ts'
import { toHtml } from '../../views/render.ts'

/** How many requests the dev page remembers. */
export const DEV_LOG_SIZE = 50

/** A bounded log of the last requests, oldest dropped first. */
export class DevLog {
  readonly #items: DevRequest[] = []
  #seq = 0

  constructor(readonly capacity = DEV_LOG_SIZE) {}

  /** Records what one request ran (an observer of `context.observers`). */
  record(event: UpdateEvent): DevRequest {
    const runs: DevRun[] = event.results.map((r) => ({
      index: r.cb.index,
      name: r.cb.name,
      status: r.status,
      ms: r.ms,
      changed: [...r.changed],
      written: [...r.written],
      initial: r.initial,
      error: r.error ? r.error.message : null,
    }))
    for (const d of event.deferred) {
      runs.push({
        index: d.cb.index,
        name: d.cb.name,
        status: 'deferred',
        ms: null,
        changed: [...d.changed],
        written: [],
        initial: d.changed.length === 0,
        error: null,
      })
    }
    const request: DevRequest = {
      seq: ++this.#seq,
      requestId: event.requestId,
      kind: event.kind,
      at: event.at,
      ms: event.ms,
      status: event.status,
      runs,
    }
    this.#items.push(request)
    if (this.#items.length > this.capacity) this.#items.shift()
    return request
  }

  /** The requests kept, newest first. */
  list(): DevRequest[] {
    return [...this.#items].reverse()
  }

  find(requestId: string): DevRequest | undefined {
    return this.#items.find((r) => r.requestId === requestId)
  }
}

// One log per app: `mountAt()` builds the routes again with a copy of the context, which shares the
// app's observers list, so the list identifies the app.
const logs = new WeakMap<AppContext['observers'], DevLog>()

/** The app's dev log, created (and subscribed to its observers) on first use. */
export function devLogOf(context: AppContext): DevLog {
  let log = logs.get(context.observers)
  if (!log) {
    const created = new DevLog()
    context.observers.push((event) => void created.record(event))
    logs.set(context.observers, created)
    log = created
  }
  return log
}

export interface ReloadOptions {
  /** Interval of the keep-alive comments, in ms (they also notice clients that left). Default 15 000. */
  heartbeatMs?: number
  /** The id sent to clients. Default: this process's {@link BOOT_ID}. */
  bootId?: () => string
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (clearTimeout(timer), signal.removeEventListener('abort', done), resolve())
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/** Ends each reload stream open now. */
const openStreams = new Set<AbortController>()

/** How many reload streams are open (diagnostics, tests). */
export const reloadStreamsOpen = () => openStreams.size

let watchingSignals = false
/**
 * Ends the reload streams when the process is asked to stop, so that a graceful shutdown (which
 * waits for requests in flight) need not wait for streams that never end by themselves: `npm run
 * dev` restarts at once. Alone on a signal, the handler hands it back to Node's default (exit).
 */
function endStreamsOnSignals() {
  if (watchingSignals) return
  watchingSignals = true
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = () => {
      for (const stream of openStreams) stream.abort()
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal)
        process.kill(process.pid, signal)
      }
    }
    process.on(signal, onSignal)
  }
}

/** The reload stream: the process's boot id first, then keep-alive comments until the client leaves. */
export function createReloadHandler({ heartbeatMs = 15_000, bootId = () => BOOT_ID }: ReloadOptions = {}) {
  return function reloadRoute(c: Context) {
    endStreamsOnSignals()
    return streamSSE(c, async (stream) => {
      const end = new AbortController()
      openStreams.add(end)
      stream.onAbort(() => end.abort())
      try {
        // `retry`: how soon EventSource reconnects after the stream breaks (a restart takes about that).
        await stream.writeSSE({ event: 'boot', data: bootId(), retry: 300 })
        while (!end.signal.aborted) {
          await pause(heartbeatMs, end.signal)
          if (!end.signal.aborted) await stream.write(': keep-alive\n\n')
        }
      } finally {
        openStreams.delete(end)
      }
    })
  }
}

function devPageHandler(context: AppContext, log: DevLog) {
  const { staticUrl } = createEngine(context)
  return async function devPage(c: Context) {
    const picked = c.req.query('request')
    const requests = log.list()
    const selected = picked ? log.find(picked) : requests[0]
    if (picked && !selected)
      return c.text(`No request ${picked} in the log (it keeps the last ${log.capacity}).`, 404)
    const html = await toHtml(
      DevPage({
        title: context.options.title,
        graph: context.graph,
        preventInitial: (index: number) => context.prevent(context.graph.callbacks[index]!),
        requests,
        selected,
        capacity: log.capacity,
        appUrl: `${context.basePath}/`,
        devUrl: `${context.basePath}${DEV_PATH}`,
        staticUrl,
      })
    )
    c.header('Cache-Control', 'no-store')
    return c.html(html)
  }
}

/**
 * Adds the dev routes to an app's routes (before its page routes, which answer every other path):
 * the tools in development, 404s in production.
 */
export function registerDevRoutes(app: Hono, context: AppContext, reload: ReloadOptions = {}): void {
  const notFound = (c: Context) => c.text('Not found', 404)
  if (!context.dev) {
    app.all(DEV_PATH, notFound)
    app.all(`${DEV_PATH}/*`, notFound)
    return
  }
  const log = devLogOf(context)
  app.get(DEV_PATH, devPageHandler(context, log))
  app.get(RELOAD_PATH, createReloadHandler(reload))
  app.all(`${DEV_PATH}/*`, notFound)
}
