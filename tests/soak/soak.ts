/**
 * @module soak
 * `npm run soak`: a bounded load test of one server process. Starts examples/prime-factors.tsx in
 * production mode on 127.0.0.1, sends SOAK_REQUESTS update requests (default 100 000) over
 * SOAK_CONNECTIONS keep-alive connections (default 50), each for another number, and checks every
 * answer (status and the factorisation it must hold). Stops after SOAK_SECONDS (default 600).
 * Reports errors (must be 0) and the server's memory, sampled with no request in flight and after a
 * full garbage collection (gc-probe.ts): after start-up, after a warm-up (the first 20 %), and after
 * each tenth of the total that follows. RSS swings ±20 % between samples (pages the allocator keeps),
 * so growth compares the median of the first three samples after the warm-up with the median of the
 * last three; it must stay under 10 %. The heap's slope (MB per 10 000 requests) is reported too.
 * Exit code 1 otherwise. The result is recorded in docs/soak.md.
 */
import { spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { cpus } from 'node:os'
import { primeFactors } from '../../examples/prime-factors.tsx'
import { liveComponents, updateJson } from '../security/helpers.ts'

const TOTAL = Number(process.env['SOAK_REQUESTS'] ?? 100_000)
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 50)
const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 600)
/** Requests before the first measured sample: the heap, the JIT and the caches reach their size. */
const WARMUP = Math.ceil(TOTAL * 0.2)
/** The rest runs in this many phases, with a sample after each. */
const PHASES = 8

interface Memory {
  rss: number
  heapUsed: number
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

interface Server {
  port: number
  /** The server's memory right after a full garbage collection. */
  memory(): Promise<Memory>
  stop(): Promise<number | null>
}

function startServer(): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', './tests/soak/gc-probe.ts', 'examples/prime-factors.tsx'],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        HYPERDASH_SECRET: 'soak-secret-0123456789abcdef',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  let probe: ((m: Memory) => void) | null = null
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      for (let m; (m = /hd-soak-mem (\{.*\})\n/.exec(out));) {
        out = out.slice(m.index + m[0].length)
        probe?.(JSON.parse(m[1]!) as Memory)
      }
      const m = /running on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) {
        out = out.slice(m.index + m[0].length)
        resolve({
          port: Number(m[1]),
          memory: () =>
            new Promise<Memory>((r) => {
              probe = r
              child.kill('SIGUSR2')
            }),
          stop: () => (child.kill('SIGTERM'), exited),
        })
      }
    })
    void exited.then((code) => reject(new Error(`the server exited with ${code}: ${out}`)))
  })
}

interface Answer {
  status: number
  body: string
}

function post(agent: Agent, port: number, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/_hd/update',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: `http://127.0.0.1:${port}`,
          'sec-fetch-site': 'same-origin',
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode!, body: text }))
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** What the answer for `n` must hold. */
function expected(n: number): string {
  const f = primeFactors(n)
  return f.length === 1 ? `>${n} is prime!</template>` : `>${n} is ${f.join(' * ')}</template>`
}

async function main() {
  const server = await startServer()
  const base = `http://127.0.0.1:${server.port}`
  const page = liveComponents(await (await fetch(base + '/')).text())
  const samples: { at: string; done: number; rssMb: number; heapUsedMb: number }[] = []
  const sample = async (at: string, after = done) => {
    const m = await server.memory()
    samples.push({ at, done: after, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) })
  }
  let done = 0
  await sample('start')
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const deadline = Date.now() + SECONDS * 1000
  const errors: string[] = []
  let errorCount = 0
  let next = 0
  const t0 = performance.now()
  const latencies: number[] = []

  /** Sends requests until `until` have been sent (or time is up), over every connection at once. */
  async function worker(until: number) {
    while (next < until && Date.now() < deadline) {
      const i = next++
      const n = 2 + (i % 99_991)
      const body = JSON.stringify(updateJson(page, ['num.value'], { 'num.value': n }))
      const start = performance.now()
      try {
        const a = await post(agent, server.port, body)
        if (a.status !== 200 || !a.body.includes(expected(n))) {
          errorCount++
          if (errors.length < 5) errors.push(`#${i} (n=${n}): ${a.status} ${a.body.slice(0, 200)}`)
        }
      } catch (err) {
        errorCount++
        if (errors.length < 5) errors.push(`#${i} (n=${n}): ${String(err)}`)
      }
      if (i % 10 === 0) latencies.push(performance.now() - start)
      done++
    }
  }
  const phase = (until: number) => Promise.all(Array.from({ length: CONNECTIONS }, () => worker(until)))

  // Samples are taken between phases: no request in flight, after a full collection.
  await phase(WARMUP)
  await sample('after warm-up')
  for (let k = 1; k <= PHASES && next < TOTAL && Date.now() < deadline; k++) {
    await phase(WARMUP + Math.ceil(((TOTAL - WARMUP) * k) / PHASES))
    await sample(k === PHASES ? 'end' : `${Math.round((done / TOTAL) * 100)} %`)
  }
  const seconds = (performance.now() - t0) / 1000
  agent.destroy()
  const exitCode = await server.stop()

  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10
  const measured = samples.slice(1) // from the warm-up sample on
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const early = median(measured.slice(0, 3).map((x) => x.rssMb))
  const late = median(measured.slice(-3).map((x) => x.rssMb))
  const growth = Math.round(((late - early) / early) * 1000) / 10
  // Least-squares slope of the heap after collection, per 10 000 requests.
  const xs = measured.map((x) => x.done / 10_000)
  const ys = measured.map((x) => x.heapUsedMb)
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  const slope =
    xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0)
  const start = samples[0]!
  const end = samples[samples.length - 1]!
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
    requests: done,
    planned: TOTAL,
    connections: CONNECTIONS,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(done / seconds),
    latencyMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1) },
    errors: errorCount,
    firstErrors: errors,
    memory: samples,
    rssMb: {
      start: start.rssMb,
      end: end.rssMb,
      earlyMedian: early,
      lateMedian: late,
      growthPercent: growth,
    },
    heapMbPer10kRequests: Math.round(slope * 100) / 100,
    serverExitCode: exitCode,
  }
  console.log(JSON.stringify(result, null, 2))
  const ok = errorCount === 0 && done === TOTAL && growth < 10 && exitCode === 0
  console.log(
    ok
      ? `soak passed: ${done} requests, 0 errors; RSS ${start.rssMb} MB at start, ${end.rssMb} MB at the end; ` +
          `after warm-up ${early} → ${late} MB (${growth} %); heap ${Math.round(slope * 100) / 100} MB per 10 000 requests.`
      : `soak FAILED: ${done}/${TOTAL} requests, ${errorCount} errors, RSS growth ${growth} %, server exit ${exitCode}.`
  )
  process.exit(ok ? 0 : 1)
}

void main().catch((err) => {
  console.error(err)
  process.exit(1)
})
