/**
 * @module run
 * `npm run bench`: hyperdash's performance against its targets (issue 5), printed as markdown.
 * Sections: 1 update route under load vs bare Hono (1 and N processes), 2 chain depth, 3 graph size,
 * 4 page render, 5 bytes, 6 memory, 7 pattern matching, 8 a 100k-point Graph's bytes, 9 a million-row DataTable's page turns, 10 background callbacks (progress latency to the DOM, jobs/s through
 * the queue). Only 127.0.0.1 is targeted; every load is time- or count-bounded.
 *
 *   npm run bench                       # the full run (4–5 minutes on 2 cores)
 *   npm run bench -- --quick            # a smoke run (under a minute; numbers not comparable)
 *   npm run bench -- --sections 1,5 --rounds 7 --seconds 3 --workers 2 --json out.json
 *   npm run bench -- --no-browser       # without the Chromium click timing (section 2)
 *
 * It runs on compiled JavaScript (compiled.ts builds `.bench-dist/` first); `BENCH_TSX=1` keeps tsx.
 */
import './compiled.ts'
import './env.ts'
import { execSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { primeApp } from './apps.tsx'
import { backgroundSection } from './background.tsx'
import { browserSection } from './browser.ts'
import { bytesSection } from './bytes.ts'
import { graphBytesSection, tablePagingSection } from './charts.tsx'
import { eventsSections } from './events.ts'
import { memorySection } from './memory.ts'
import { firstByteSection } from './first-byte.tsx'
import { pageSection } from './page.ts'
import { patternSection } from './pattern.tsx'
import { startServer } from './load.ts'
import { throughputSection } from './throughput.ts'
import { fmt, ms, percentile, ratio, us } from './stats.ts'

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    quick: { type: 'boolean', default: false },
    sections: { type: 'string', default: '1,2,3,4,5,6,7,8,9,10' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'string' },
    browser: { type: 'boolean', default: true },
  },
})
const quick = args.quick
const sections = new Set(args.sections.split(',').map((s) => Number(s.trim())))
const rounds = Number(args.rounds ?? (quick ? 1 : 5))
const seconds = Number(args.seconds ?? (quick ? 1 : 2))
const workers = Number(args.workers ?? Math.max(2, availableParallelism()))
const timing = quick ? { batches: 3, batchMs: 50 } : { batches: 5, batchMs: 100 }

const out: string[] = []
const results: Record<string, unknown> = {}
const print = (s = '') => {
  out.push(s)
  console.log(s)
}
let lap = performance.now()
const log = (s: string) => {
  console.error(`[bench] ${s} (${fmt((performance.now() - lap) / 1000)} s since the last step)`)
  lap = performance.now()
}
const started = performance.now()

const git = (cmd: string) => {
  try {
    return execSync(`git ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return '?'
  }
}
print(`## Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`)
print()
print(
  `Commit ${git('rev-parse --short HEAD')}${git('status --porcelain -- src views static') ? ' (with local changes)' : ''}; ` +
    `Node ${process.version}; ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}; ${fmt(totalmem() / 2 ** 30)} GiB; ` +
    `load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}. ` +
    `Options: rounds ${rounds}, ${seconds} s per load run, N = ${workers} processes${quick ? ', --quick' : ''}.`
)

const targets: string[] = []
const check = (ok: boolean, text: string) => targets.push(`| ${ok ? 'met' : '**missed**'} | ${text} |`)
const prime = await primeApp()

if (sections.has(1)) {
  log('1. update route under load…')
  const r = await throughputSection(prime.bodies, {
    workers: [1, workers],
    connections: [10, 50],
    rounds,
    seconds,
  })
  results['throughput'] = r.cells.map(({ runs, ...c }) => ({ ...c, runs: runs.map((x) => x.rps) }))
  print(
    '\n### 1. Update route under load: prime factors (360 and 997 in turn) vs a bare Hono route answering the same bytes\n'
  )
  print(r.markdown)
  for (const x of r.ratios) {
    // Issue 14: one process ≥ 0.35× a bare Hono route answering the same bytes (more processes share
    // the 2 cores with the load generator: shown, not judged).
    if (x.workers === 1)
      check(
        x.ratio >= 0.35,
        `1 process, ${x.connections} connections: ${ratio(x.ratio)} bare Hono (target ≥ 0.35×)`
      )
    if (x.connections === 50)
      check(
        x.p99 < 10,
        `${x.workers} process${x.workers > 1 ? 'es' : ''}, 50 connections: p99 ${ms(x.p99)} (target < 10 ms)`
      )
  }
}

let events: Awaited<ReturnType<typeof eventsSections>> | null = null
if (sections.has(2) || sections.has(3)) {
  log('2–3. one event: chain depth, graph size…')
  events = await eventsSections({ timing, rounds: quick ? 1 : 3, seconds: quick ? 0.2 : 0.4 })
}

if (events && sections.has(2)) {
  const r = events.chain
  results['chain'] = r.rows
  print('\n### 2. One user event vs the depth of the chain it starts\n')
  print(r.markdown)
  const oneEach = r.rows.every((x) => x.status === 200 && !x.streamed && x.outputs === x.n)
  check(
    oneEach,
    `one request per user event at chain depths ${r.rows.map((x) => x.n).join(', ')}, every output in it`
  )
  check(
    r.perCb.engine < 0.015,
    `engine overhead per callback ${us(r.perCb.engine)} (target < 15 µs); whole server ${us(r.perCb.route)}`
  )
  if (args.browser) {
    log('2. one click in Chromium…')
    const b = await browserSection(quick ? 5 : 30)
    results['browser'] = b
    print('')
    print(b.markdown)
  }
}

if (events && sections.has(3)) {
  const r = events.graph
  results['graph'] = { flat: r.flat, fan: r.fan, whole: r.whole, pageRatio: r.pageRatio }
  print('\n### 3. One user event vs the size of the graph\n')
  print(r.markdown)
  // The planner is what could scan the graph: judge the engine; the whole server's ratio (noisier, one
  // request at a time) is shown beside it.
  check(
    r.flatness.engine < 1.5,
    `flat in graph size: 10,000 vs 10 callbacks costs ${ratio(r.flatness.engine)} in the engine (target < 1.5×), ${ratio(r.flatness.route)} in the whole server`
  )
  check(
    r.pageRatio.route <= 1.5,
    `one event on a page of ${fmt(r.pageRatio.big)} live components costs ${ratio(r.pageRatio.route)} the same event on a page of ${r.pageRatio.small} (server CPU; target ≤ 1.5×), engine ${ratio(r.pageRatio.engine)}`
  )
}

if (sections.has(4)) {
  log('4. page render…')
  const r = await pageSection(quick ? { runs: 1, budgetMs: 1000 } : { runs: 5, budgetMs: 8000 })
  results['page'] = r.rows
  print('\n### 4. First page render (GET /, initial calls included, in-process)\n')
  print(r.markdown)
  const fb = await firstByteSection(quick ? 2 : 5)
  results['firstByte'] = fb.rows
  print('\n#### 4b. Streamed first page with a 1 s initial call (in-process, `initialBudgetMs` 200 ms)\n')
  print(fb.markdown)
  check(
    fb.rows.firstByteMs < 20,
    `first page with a 1 s initial call: first byte ${ms(fb.rows.firstByteMs)} (target < 20 ms)`
  )
  check(fb.rows.runsPerPage === 1, `each initial call runs once per page (${fb.rows.runsPerPage})`)
}

if (sections.has(5)) {
  log('5. bytes…')
  const server = await startServer('prime', 1)
  try {
    const r = await bytesSection(prime.app, prime.bodies, Number(new URL(server.url).port), [
      '360 (composite: 2 outputs)',
      '997 (prime: 1 output)',
    ])
    results['bytes'] = { assets: r.assets, updates: r.updates }
    print('\n### 5. Bytes: the first page (prime factors) and one update\n')
    print(r.markdown)
    check(
      r.js.gzip <= 25 * 1024,
      `${fmt(r.js.gzip / 1024)} KB of gzipped JavaScript per page in ${r.js.count} scripts (target ≤ 25 KB)`
    )
  } finally {
    await server.stop()
  }
}

if (sections.has(6)) {
  log('6. memory…')
  const r = await memorySection(
    prime.bodies,
    quick ? { total: 5000, maxSeconds: 10 } : { total: 100_000, maxSeconds: 60 }
  )
  results['memory'] = r
  print('\n### 6. Memory\n')
  print(r.markdown)
}

if (sections.has(7)) {
  log('7. pattern matching…')
  const r = await patternSection({ timing })
  results['pattern'] = r.rows
  print('\n### 7. One event on one MATCH item: 1,000 items vs 10 on the page\n')
  print(r.markdown)
  check(
    r.ratios.route <= 2,
    `one MATCH event with 1,000 items costs ${ratio(r.ratios.route)} the same event with 10 (whole route; target ≤ 2×; engine ${ratio(r.ratios.engine)})`
  )
}

if (sections.has(8)) {
  log('8. graph bytes…')
  const r = await graphBytesSection()
  results['graphBytes'] = r
  print('\n### 8. A 100,000-point Graph on the wire\n')
  print(r.markdown)
}

if (sections.has(9)) {
  log('9. table paging…')
  const r = await tablePagingSection(quick ? { rows: 100_000, turns: 10 } : {})
  results['tablePaging'] = r
  print('\n### 9. DataTable: page turns over a million rows\n')
  print(r.markdown)
  const worst = Math.max(...r.rows.map((x) => x.medianMs))
  check(worst < 30, `DataTable page turn over 10^6 rows, median (worst of three tables) ${ms(worst)} < 30 ms`)
}

if (sections.has(10)) {
  log('10. background callbacks…')
  const r = await backgroundSection(
    quick ? { updates: 20, jobs: 100, rounds: 1 } : { updates: 60, jobs: 500, rounds: 3 }
  )
  results['background'] = r
  print('\n### 10. Background callbacks: progress to the page, jobs through the queue\n')
  print(r.markdown)
  const bull = r.latency?.bullmq ?? []
  if (bull.length) {
    const p95 = percentile(
      [...bull].sort((a, b) => a - b),
      95
    )
    check(p95 < 50, `setProgress → DOM p95 on BullMQ ${ms(p95)} < 50 ms (Dash polls every ≥ 500 ms)`)
  }
}

if (targets.length) {
  print('\n### Targets\n')
  print('| | target |')
  print('| --- | --- |')
  for (const t of targets) print(t)
}
log('done.')
print(
  `\nBench time: ${fmt((performance.now() - started) / 1000)} s; load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}.`
)
if (args.json) writeFileSync(args.json, JSON.stringify({ markdown: out.join('\n'), results }, null, 2))
