/**
 * @module load
 * Bench servers in child processes, and load from autocannon (time- or count-bounded, 127.0.0.1
 * only) with every latency kept at full precision (autocannon's own histogram rounds to 1 ms).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { percentile } from './stats.ts'
import type { Update } from './client.ts'
import type { ServerMessage } from './server.ts'

// server.ts under tsx, server.js when the bench runs compiled (compiled.ts).
const SERVER = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? './server.ts' : './server.js', import.meta.url)
)

export interface BenchServer {
  readonly name: string
  readonly url: string
  readonly child: ChildProcess
  /** Memory of the serving process (after a GC when started with `gc`). */
  mem(): Promise<Extract<ServerMessage, { type: 'mem' }>>
  /** A CPU profile of the serving process (V8's, as `node --cpu-prof`) while `during` runs. */
  profile<T>(during: () => Promise<T>): Promise<{ result: T; profile: object }>
  /** CPU time (user + system) the serving process has used, in µs. */
  cpu(): Promise<number>
  stop(): Promise<void>
}

/** Starts `app` (server.ts's BENCH_APP) with `workers` processes; resolves once it listens. */
export function startServer(
  app: string,
  workers: number,
  o: { gc?: boolean; execArgv?: string[] } = {}
): Promise<BenchServer> {
  const execArgv = [...process.execArgv, ...(o.gc ? ['--expose-gc'] : []), ...(o.execArgv ?? [])]
  const child = fork(SERVER, [], {
    env: { ...process.env, BENCH_APP: app, BENCH_WORKERS: String(workers) },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ServerMessage) => {
        if (m.type !== type) return
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(m as Extract<ServerMessage, { type: T }>)
      }
      const onExit = (code: number | null) => reject(new Error(`bench server ${app} exited (code ${code})`))
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  return next('ready').then(({ port }) => ({
    name: `${app} ×${workers}`,
    url: `http://127.0.0.1:${port}`,
    child,
    mem: () => {
      const m = next('mem')
      child.send('mem')
      return m
    },
    profile: async <T>(during: () => Promise<T>) => {
      child.send('profile-start')
      const result = await during()
      const m = next('profile')
      child.send('profile-stop')
      return { result, profile: JSON.parse((await m).json) as object }
    },
    cpu: () => {
      const m = next('cpu')
      child.send('cpu')
      return m.then((x) => x.micros)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        child.once('exit', () => (clearTimeout(timer), resolve()))
        // Closing the IPC channel makes the server exit normally (so --cpu-prof writes its profile).
        child.disconnect()
      }),
  }))
}

export interface LoadResult {
  requests: number
  seconds: number
  rps: number
  p50: number
  p99: number
  bytes: number
}

/**
 * POSTs the bodies in turn to `url`'s update route over `connections` keep-alive connections, for
 * `seconds` (or `amount` requests). Throws when any answer is not 2xx or any request fails.
 */
export async function load(
  url: string,
  bodies: readonly Update[],
  o: { connections: number; seconds?: number; amount?: number; path?: string }
): Promise<LoadResult> {
  const target = new URL(url)
  if (target.hostname !== '127.0.0.1')
    throw new Error(`the bench only targets 127.0.0.1, not ${target.hostname}`)
  const latencies: number[] = []
  const instance = autocannon({
    url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 2 }),
    timeout: 10,
    requests: bodies.map((u) => ({
      method: 'POST',
      path: o.path ?? '/_hd/update',
      headers: { ...u.headers },
      body: u.body,
    })),
  })
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  const t0 = performance.now()
  const r = await instance
  // autocannon's own duration is in whole seconds: measure it here.
  const seconds = (performance.now() - t0) / 1000
  if (r.errors || r.timeouts || r.non2xx) {
    const codes = JSON.stringify((r as { statusCodeStats?: unknown }).statusCodeStats ?? {})
    throw new Error(
      `load on ${url}${o.path ?? ''}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers (${codes})`
    )
  }
  const sorted = Float64Array.from(latencies).sort()
  const requests = r['2xx']
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    bytes: r.throughput.total,
  }
}
