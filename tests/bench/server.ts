/**
 * @module server
 * A bench server in its own process: `BENCH_APP` (prime | bare | suite) served on 127.0.0.1, a free
 * port, by `BENCH_WORKERS` processes (1: this process serves; more: src/server/cluster.ts). Tells its
 * parent the port over IPC, answers `mem` with its memory use (after a GC when run with --expose-gc)
 * and `cpu` with the CPU time it has used; `profile-start` / `profile-stop` record a CPU profile.
 */
import './env.ts'
import cluster from 'node:cluster'
import { Session } from 'node:inspector'
import { serve } from '@hono/node-server'
import { listenCluster } from '../../src/server/cluster.ts'
import { bareApp, primeApp, suiteApp, type BenchApp } from './apps.tsx'

/** Messages this process sends its parent. */
export type ServerMessage =
  | { type: 'ready'; port: number; pids: number[] }
  | { type: 'mem'; rss: number; heapUsed: number; external: number }
  | { type: 'cpu'; micros: number }
  | { type: 'profile'; json: string }

const builders: Record<string, () => Promise<BenchApp>> = { prime: primeApp, bare: bareApp, suite: suiteApp }
const name = process.env['BENCH_APP'] ?? 'prime'
const build = builders[name]
if (!build) throw new Error(`BENCH_APP must be one of ${Object.keys(builders).join(', ')}; got ${name}`)
const { app } = await build()
const workers = Number(process.env['BENCH_WORKERS'] ?? 1)
const send = (m: ServerMessage) => process.send?.(m)

if (workers > 1 || cluster.isWorker) {
  const handle = await listenCluster(app, { workers, port: 0, host: '127.0.0.1', onListening: () => {} })
  if (cluster.isPrimary) send({ type: 'ready', port: handle.port, pids: [...handle.pids] })
} else {
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    send({ type: 'ready', port: info.port, pids: [process.pid] })
  )
}

/** V8's CPU profiler (what `node --cpu-prof` runs), started and stopped on request: the load only. */
let session: Session | null = null
const post = <T>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) =>
    session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T)))
  )

if (cluster.isPrimary) {
  process.on('message', async (m) => {
    if (m === 'profile-start') {
      session = new Session()
      session.connect()
      await post('Profiler.enable')
      await post('Profiler.setSamplingInterval', { interval: 200 }) // µs (node --cpu-prof: 1,000)
      await post('Profiler.start')
      return
    }
    if (m === 'profile-stop' && session) {
      const { profile } = await post<{ profile: object }>('Profiler.stop')
      session.disconnect()
      session = null
      send({ type: 'profile', json: JSON.stringify(profile) })
      return
    }
    if (m === 'cpu') {
      const c = process.cpuUsage()
      send({ type: 'cpu', micros: c.user + c.system })
      return
    }
    if (m !== 'mem') return
    ;(globalThis as { gc?: () => void }).gc?.()
    const u = process.memoryUsage()
    send({ type: 'mem', rss: u.rss, heapUsed: u.heapUsed, external: u.external })
  })
  // The bench's end (or its crash) closes the IPC channel: leave with it.
  process.on('disconnect', () => process.exit(0))
}
