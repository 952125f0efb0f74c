/**
 * @module background
 * Background callbacks (issue 16): how long a `ctx.setProgress(...)` in a job takes to reach the page's
 * DOM, in real Chromium (the job stamps each value with its epoch time, `performance.timeOrigin +
 * performance.now()`; a MutationObserver in the page stamps its arrival on the same clock), on the
 * embedded backend and on BullMQ with a real Redis (the job worker in the bench process); and jobs per
 * second through the BullMQ queue (two worker processes, trivial jobs). Dash polls for progress every
 * `interval` (≥ 500 ms by default 1 s): its latency is half an interval on average, a whole one at worst.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { createApp, Input, Output, State } from '../../src/index.ts'
import { connectBullJobs } from '../../src/server/jobs/bullmq.ts'
import { EmbeddedJobs } from '../../src/server/jobs/embedded.ts'
import type { BackgroundContext } from '../../src/server/jobs/index.ts'
import type { JobBackend, JobSpec } from '../../src/server/jobs/types.ts'
import { dcc } from '../../views/components/index.ts'
import { REDIS_SERVER, startRedis } from '../background/redis.ts'
import { serveLocal } from './serve-local.ts'
import { fmt, median, percentile } from './stats.ts'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
/** Between two progress updates: above the coalescing frame (16 ms), so each one is sent. */
const GAP_MS = 25
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const now = () => performance.timeOrigin + performance.now()

function progressApp(redisUrl?: string) {
  const app = createApp({
    name: `bench-progress-${randomUUID().slice(0, 8)}`,
    secret: 'bench-background-secret-0123456789abcdef',
    streamAfterMs: 5,
    ...(redisUrl ? { redisUrl } : {}),
    layout: (
      <div>
        <button id="run">run</button>
        <dcc.Input id="n" type="number" value={10} />
        <p id="stamp" />
        <p id="result" />
      </div>
    ),
  })
  app.callback(
    Output('result', 'children'),
    [Input('run', 'n_clicks')],
    [State('n', 'value')],
    async (clicks, n, ctx) => {
      for (let i = 1; i <= Number(n); i++) {
        await sleep(GAP_MS)
        ;(ctx as BackgroundContext).setProgress(`${i} ${now()}`)
      }
      return `run ${clicks} done`
    },
    { background: true, preventInitialCall: true, progress: Output('stamp', 'children') }
  )
  return app
}

/** Latencies (ms) of `updates` progress values, job → DOM, in Chromium. */
async function progressLatency(redisUrl: string | undefined, updates: number): Promise<number[]> {
  const app = progressApp(redisUrl)
  const worker = redisUrl ? await app.startJobWorker({ concurrency: 1 }) : null
  const served = await serveLocal(app.fetch)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const page = await browser.newPage()
    await page.goto(served.url)
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    const run = (n: number, clicks: number) =>
      page.evaluate(
        ({ n, clicks }) =>
          new Promise<[string, number][]>((resolve, reject) => {
            const seen: [string, number][] = []
            const stamp = document.getElementById('stamp')!
            const input = document.getElementById('n') as HTMLInputElement
            input.value = String(n)
            input.dispatchEvent(new Event('input', { bubbles: true }))
            const timer = setTimeout(() => reject(new Error('the job did not finish within 60 s')), 60_000)
            const watch = new MutationObserver(() => {
              const t = performance.timeOrigin + performance.now()
              if (stamp.textContent) seen.push([stamp.textContent, t])
              if (document.getElementById('result')!.textContent === `run ${clicks} done`) {
                clearTimeout(timer)
                watch.disconnect()
                resolve(seen)
              }
            })
            watch.observe(document.body, { childList: true, subtree: true, characterData: true })
            document.getElementById('run')!.click()
          }),
        { n, clicks }
      )
    await run(5, 1) // warm-up: the page, the route, the queue
    const seen = await run(updates, 2)
    const latest = new Map<string, number>()
    for (const [text, t] of seen) if (!latest.has(text)) latest.set(text, t)
    const latencies = [...latest].map(([text, t]) => t - Number(text.split(' ')[1]))
    if (latencies.length < updates * 0.9)
      throw new Error(`only ${latencies.length} of ${updates} progress values reached the page`)
    return latencies
  } finally {
    await browser.close()
    await served.close()
    await worker?.close()
    await app.close()
  }
}

const spec = (): JobSpec => ({
  id: randomUUID(),
  app: 'bench',
  callback: { index: 0, id: 'out.children' },
  args: [],
  changed: [],
  submittedAt: Date.now(),
})

/** Seconds to submit `n` trivial jobs at once and hear every one of them end. */
async function drain(backend: JobBackend, n: number): Promise<number> {
  const t0 = performance.now()
  const handles = await Promise.all(Array.from({ length: n }, () => backend.submit(spec(), () => {})))
  const outcomes = await Promise.all(handles.map((h) => h.outcome))
  const bad = outcomes.filter((o) => o.status !== 'done')
  if (bad.length) throw new Error(`${bad.length} of ${n} jobs did not finish: ${JSON.stringify(bad[0])}`)
  return (performance.now() - t0) / 1000
}

function startQueueWorker(url: string, queue: string, concurrency: number): Promise<ChildProcess> {
  const file = fileURLToPath(
    new URL(import.meta.url.endsWith('.tsx') ? './queue-worker.ts' : './queue-worker.js', import.meta.url)
  )
  const child = fork(file, [], {
    env: { ...process.env, REDIS_URL: url, BENCH_QUEUE: queue, BENCH_CONCURRENCY: String(concurrency) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`queue worker exited (code ${code})`)))
  })
}

export interface BackgroundResult {
  markdown: string
  latency: { embedded: number[]; bullmq: number[] }
  jobsPerSecond: { embedded: number[]; bullmq: number[] }
}

export async function backgroundSection(o: {
  updates: number
  jobs: number
  rounds: number
}): Promise<{ markdown: string } & Partial<BackgroundResult>> {
  if (!existsSync(REDIS_SERVER)) return { markdown: `(redis-server not found at ${REDIS_SERVER}: skipped.)` }
  const redis = await startRedis()
  try {
    const latency = { embedded: [] as number[], bullmq: [] as number[] }
    if (existsSync(CHROMIUM)) {
      latency.embedded = await progressLatency(undefined, o.updates)
      latency.bullmq = await progressLatency(redis.url, o.updates)
    }
    const jobsPerSecond = { embedded: [] as number[], bullmq: [] as number[] }
    const embedded = new EmbeddedJobs(async () => ({ status: 'done', value: null }))
    const queue = `bench-${randomUUID()}`
    const producer = await connectBullJobs({ url: redis.url, queue })
    const workers = await Promise.all([0, 1].map(() => startQueueWorker(redis.url, queue, 8)))
    try {
      await drain(producer, 50) // warm-up
      for (let r = 0; r < o.rounds; r++) {
        jobsPerSecond.embedded.push(o.jobs / (await drain(embedded, o.jobs)))
        jobsPerSecond.bullmq.push(o.jobs / (await drain(producer, o.jobs)))
      }
    } finally {
      for (const w of workers) w.disconnect()
      await producer.close()
      await embedded.close()
    }
    const row = (name: string, xs: number[]) => {
      if (!xs.length) return `| ${name} | (Chromium not found: skipped) | | |`
      const sorted = [...xs].sort((a, b) => a - b)
      return `| ${name} (${xs.length} updates, ${GAP_MS} ms apart) | ${fmt(median(xs))} ms | ${fmt(percentile(sorted, 95))} ms | ${fmt(sorted.at(-1)!)} ms |`
    }
    const markdown = [
      "| `ctx.setProgress` in the job → the page's DOM, in Chromium | median | p95 | max |",
      '| --- | ---: | ---: | ---: |',
      row('embedded backend', latency.embedded),
      row('BullMQ on Redis (worker in the web process)', latency.bullmq),
      '| Dash (polls every `interval`, default 1000 ms, ≥ 500 ms) | ~interval / 2 | ~interval | interval + request |',
      '',
      `| ${o.jobs} trivial jobs submitted at once, until every end is heard | jobs/s (median of ${o.rounds}) |`,
      '| --- | ---: |',
      `| embedded backend (in process) | ${fmt(median(jobsPerSecond.embedded))} |`,
      `| BullMQ on Redis, 2 worker processes × 8 at once | ${fmt(median(jobsPerSecond.bullmq))} |`,
    ].join('\n')
    return { markdown, latency, jobsPerSecond }
  } finally {
    await redis.stop()
  }
}
