/**
 * @module cluster
 * Runs an app as N worker processes sharing one port (node:cluster). The server is stateless, so the
 * workers need no coordination, except one thing: they must sign and verify page state with the same
 * HMAC secret. When `HYPERDASH_SECRET` is unset the primary generates one and hands it to every worker
 * in its environment; once listening, each worker reports a signature of a fixed probe, and the
 * primary refuses to start when they differ (an app built with its own `secret` per process).
 *
 * Shutdown: on SIGTERM/SIGINT the primary stops respawning and tells every worker to drain; each runs
 * the graceful shutdown of one process (shutdown.ts: stop accepting, finish the requests in flight,
 * streams included, exit), and the primary exits once they all have: 0 when every worker finished in
 * time, else 1. Workers still there `timeoutMs` + 5 s after the signal are killed.
 */
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import type { Server } from 'node:http'
import { randomSecret, type Signer } from '../protocol/state.ts'
import { isMain } from './app.ts'
import { gracefulShutdown } from './shutdown.ts'

/** Anything with a fetch handler: a HyperApp, a Hono app. A HyperApp's signer is checked across workers. */
export interface FetchApp {
  fetch(req: Request): Response | Promise<Response>
  readonly context?: { readonly signer?: Signer; readonly logger?: Pick<Console, 'info' | 'warn'> }
  /** A HyperApp's `Host` check, told the address the workers listen on (security.ts). */
  readonly hosts?: { listeningOn(address: string): void }
  /** Cleans up once the worker's server closed (a HyperApp's worker threads). */
  close?(): unknown
}

export interface ClusterOptions {
  /** Worker processes. Default: `WEB_CONCURRENCY`, else the number of cores. */
  workers?: number
  /** Default: `PORT`, else 8050. 0 picks a free port, shared by every worker. */
  port?: number
  /** Default: `HOST`, else 127.0.0.1. */
  host?: string
  /** Node flags for the workers. Default: this process's, plus tsx's loader to run a `.ts` module. */
  execArgv?: string[]
  /** Restart a worker that dies after it started serving. Default: true. */
  respawn?: boolean
  /** Called once every worker listens. Default: prints the URL. */
  onListening?: (info: { url: string; port: number; workers: number }) => void
  /**
   * On SIGTERM/SIGINT to the primary: stop respawning, drain every worker (each finishes its requests
   * in flight, as `listen()` does), exit when they have. `timeoutMs` (default 10 000) bounds each
   * worker's wait; `false` leaves the signals alone. Default: on.
   */
  gracefulShutdown?: boolean | { timeoutMs?: number; signals?: readonly NodeJS.Signals[] }
}

/** The running cluster, as seen from the primary (or, inside a worker, from that worker). */
export interface ClusterHandle {
  readonly port: number
  /** Process ids of the workers (empty inside a worker). */
  readonly pids: readonly number[]
  /** Drains every worker (or, inside a worker, its server) and resolves once they are gone. */
  close(): Promise<void>
}

/** The messages a worker sends its primary. */
type WorkerMessage = { hd: 'listening'; port: number; probe: string | null }

const ENV_FLAG = 'HD_CLUSTER'
const ENV_MODULE = 'HD_CLUSTER_MODULE'
const ENV_PORT = 'HD_CLUSTER_PORT'
const ENV_HOST = 'HD_CLUSTER_HOST'
const ENV_SHUTDOWN = 'HD_CLUSTER_SHUTDOWN_MS'
/** Extra time the primary gives a draining worker past its own limit before killing it. */
const KILL_GRACE_MS = 5000
const PROBE: [string, string] = ['hd-cluster', 'probe']
const thisFile = fileURLToPath(import.meta.url)

/**
 * Serves `app` from `workers` processes on one port. Pass the app object, from a script that calls
 * `listenCluster` at its top level (each worker runs the script again and builds its own app), or
 * the path of a module exporting `app` (or a default export), which only the workers import.
 * Inside a worker the same call serves the app and tells the primary.
 * @example
 * // server.tsx
 * import { app } from './app.tsx'
 * import { listenCluster } from 'hyperdash/cluster'
 * await listenCluster(app, { workers: 2, port: 8050 })
 * @example await listenCluster('./app.tsx', { workers: 4 })
 */
export async function listenCluster(
  target: FetchApp | string | URL,
  options: ClusterOptions = {}
): Promise<ClusterHandle> {
  if (cluster.isWorker && process.env[ENV_FLAG] === '1') {
    const app =
      typeof target === 'object' && !(target instanceof URL) ? target : await importApp(String(target))
    return serveWorker(app)
  }
  return startPrimary(target, options)
}

async function startPrimary(target: FetchApp | string | URL, o: ClusterOptions): Promise<ClusterHandle> {
  const count = Math.max(
    1,
    Math.floor(o.workers ?? (Number(process.env['WEB_CONCURRENCY']) || availableParallelism()))
  )
  const port = o.port ?? Number(process.env['PORT'] ?? 8050)
  const host = o.host ?? process.env['HOST'] ?? '127.0.0.1'
  const secret = process.env['HYPERDASH_SECRET']?.trim() || randomSecret()
  const byModule = typeof target === 'string' || target instanceof URL
  const exec = byModule ? thisFile : process.argv[1]
  if (!exec) throw new Error('listenCluster: no script to run in the workers (process.argv[1] is empty).')
  cluster.setupPrimary({ exec, args: process.argv.slice(2), execArgv: o.execArgv ?? workerExecArgv(exec) })
  const graceful = o.gracefulShutdown ?? true
  const shutdownMs = (typeof graceful === 'object' ? graceful.timeoutMs : undefined) ?? 10_000
  const env: Record<string, string> = { [ENV_FLAG]: '1', HYPERDASH_SECRET: secret, [ENV_HOST]: host }
  if (graceful) env[ENV_SHUTDOWN] = String(shutdownMs)
  if (byModule) env[ENV_MODULE] = moduleUrl(target)

  const workers = new Set<Worker>()
  let closing = false
  let probe: string | null | undefined
  let shared = port
  const fork = (workerPort: number) => {
    const w = cluster.fork({ ...env, [ENV_PORT]: String(workerPort) })
    workers.add(w)
    return w
  }
  const ready = (w: Worker) =>
    new Promise<WorkerMessage>((resolveReady, reject) => {
      const onMessage = (m: unknown) => {
        if (!isListening(m)) return
        w.off('exit', onExit)
        resolveReady(m)
      }
      const onExit = (code: number | null, signal: string | null) => {
        w.off('message', onMessage)
        workers.delete(w)
        reject(
          new Error(`listenCluster: a worker exited before it listened (code ${code}, signal ${signal}).`)
        )
      }
      w.once('exit', onExit)
      w.on('message', onMessage)
    })
  const checkProbe = (m: WorkerMessage) => {
    if (probe === undefined) probe = m.probe
    else if (probe !== m.probe) {
      throw new Error(
        'listenCluster: the workers sign page state with different secrets, so a page rendered by one is ' +
          'refused by another. Build the app without its own random `secret`, or set HYPERDASH_SECRET.'
      )
    }
  }
  const keepAlive = (w: Worker) => {
    const started = Date.now()
    w.once('exit', () => {
      workers.delete(w)
      // A worker dying at once would die again: only restart one that had been serving a while.
      if (closing || o.respawn === false || Date.now() - started < 1000) return
      const next = fork(port)
      ready(next)
        .then(checkProbe, () => {})
        .catch(() => next.kill())
      keepAlive(next)
    })
  }

  try {
    // Every worker asks for the same port: the primary binds it once (port 0: one free port for all).
    const started = Array.from({ length: count }, () => fork(port))
    for (const m of await Promise.all(started.map(ready))) {
      checkProbe(m)
      shared = m.port
    }
  } catch (err) {
    closing = true
    await stopAll(workers, 2000)
    throw err
  }
  for (const w of workers) keepAlive(w)
  const signals = graceful
    ? ((typeof graceful === 'object' ? graceful.signals : undefined) ?? ['SIGTERM', 'SIGINT'])
    : []
  let draining: Promise<boolean> | null = null
  const drain = () => {
    closing = true
    draining ??= stopAll(workers, graceful ? shutdownMs + KILL_GRACE_MS : 2000).finally(() => {
      for (const sig of signals) process.off(sig, onSignal)
    })
    return draining
  }
  const onSignal = (signal: NodeJS.Signals) => {
    console.info(`hyperdash: ${signal}: no new connections; draining ${workers.size} worker(s).`)
    void drain().then((clean) => {
      console.info(`hyperdash: every worker has stopped; exiting with code ${clean ? 0 : 1}.`)
      process.exit(clean ? 0 : 1)
    })
  }
  for (const sig of signals) process.on(sig, onSignal)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${shared}/`
  ;(o.onListening ?? ((i) => console.info(`hyperdash app running on ${i.url} (${i.workers} workers)`)))({
    url,
    port: shared,
    workers: count,
  })
  return {
    port: shared,
    get pids() {
      return [...workers].map((w) => w.process.pid).filter((p): p is number => p !== undefined)
    },
    close: async () => {
      await drain()
    },
  }
}

/** Inside a worker: serves the app on the primary's port and reports it, with the probe signature. */
function serveWorker(app: FetchApp): Promise<ClusterHandle> {
  const port = Number(process.env[ENV_PORT] ?? 0)
  const hostname = process.env[ENV_HOST] ?? '127.0.0.1'
  const shutdownMs = process.env[ENV_SHUTDOWN]
  app.hosts?.listeningOn(hostname)
  return new Promise((resolveServe) => {
    const server: ServerType = serve({ fetch: app.fetch, port, hostname }, (info) => {
      const signer = app.context?.signer
      const message: WorkerMessage = {
        hd: 'listening',
        port: info.port,
        probe: signer ? (signer.fingerprint?.() ?? signer.sign(...PROBE)) : null,
      }
      process.send?.(message)
      resolveServe({
        port: info.port,
        pids: [],
        close: () => new Promise<void>((r) => server.close(() => r())),
      })
    })
    // Graceful: the same shutdown as one process, started by the primary's message (or by a signal
    // to this worker: Ctrl-C reaches every process of the group).
    const drain = shutdownMs
      ? gracefulShutdown(server as Server, {
          timeoutMs: Number(shutdownMs),
          logger: app.context?.logger,
          onClosed: () => app.close?.(),
        })
      : null
    process.on('message', (m) => {
      if (m !== 'hd:close') return
      if (drain) void drain.shutdown('drain requested by the cluster primary')
      else server.close(() => process.exit(0))
    })
  })
}

/**
 * Asks each worker to close its server (draining its requests when graceful), and kills those still
 * there after `killAfterMs`. Resolves with true when every worker exited with code 0.
 */
async function stopAll(workers: Set<Worker>, killAfterMs: number): Promise<boolean> {
  const clean = await Promise.all(
    [...workers].map(
      (w) =>
        new Promise<boolean>((done) => {
          if (w.isDead()) return done(w.process.exitCode === 0)
          const timer = setTimeout(() => w.kill('SIGKILL'), killAfterMs)
          w.once('exit', (code) => {
            clearTimeout(timer)
            done(code === 0)
          })
          if (w.isConnected()) w.send('hd:close')
          else w.kill()
        })
    )
  )
  workers.clear()
  return clean.every(Boolean)
}

function isListening(m: unknown): m is WorkerMessage {
  return typeof m === 'object' && m !== null && (m as WorkerMessage).hd === 'listening'
}

function moduleUrl(target: string | URL): string {
  if (target instanceof URL) return target.href
  if (/^file:/.test(target)) return target
  return pathToFileURL(isAbsolute(target) ? target : resolve(target)).href
}

/** This process's Node flags; a TypeScript script also needs tsx's loader when this process has none. */
function workerExecArgv(exec: string): string[] {
  const argv = [...process.execArgv]
  if (/\.(c|m)?tsx?$/.test(exec) && !argv.some((a) => /tsx/.test(a))) argv.unshift('--import', 'tsx')
  return argv
}

async function importApp(url: string): Promise<FetchApp> {
  const mod = (await import(url)) as { app?: FetchApp; default?: FetchApp }
  const app = mod.app ?? mod.default
  if (!app || typeof app.fetch !== 'function') {
    throw new Error(`listenCluster: ${url} exports no \`app\` (or default export) with a fetch handler.`)
  }
  return app
}

// A worker started for the module form runs this file: import the module and serve it.
if (cluster.isWorker && process.env[ENV_FLAG] === '1' && process.env[ENV_MODULE] && isMain(import.meta)) {
  await listenCluster(process.env[ENV_MODULE])
}
