/**
 * @module throughput
 * Section 1: the update route under load (prime factors, 360 and 997 in turn) beside a bare Hono
 * route answering the same bytes, both served the same way, 1 and N processes, interleaved in
 * rounds so that the machine's noise falls on both alike. Medians over rounds.
 */
import type { Update } from './client.ts'
import { load, startServer, type BenchServer, type LoadResult } from './load.ts'
import { fmt, median, ms, ratio } from './stats.ts'

export interface ThroughputCell {
  app: 'prime' | 'bare'
  workers: number
  connections: number
  runs: LoadResult[]
  rps: number
  p50: number
  p99: number
}

export async function throughputSection(
  bodies: Update[],
  o: { workers: number[]; connections: number[]; rounds: number; seconds: number }
) {
  const servers = new Map<string, BenchServer>()
  const key = (app: string, w: number) => `${app}×${w}`
  try {
    for (const w of o.workers)
      for (const app of ['prime', 'bare']) servers.set(key(app, w), await startServer(app, w))
    // Warm-up: JIT, connection pools, the cluster's round robin.
    for (const s of servers.values()) await load(s.url, bodies, { connections: 10, seconds: 1 })
    const runs = new Map<string, LoadResult[]>()
    for (let round = 0; round < o.rounds; round++) {
      for (const w of o.workers) {
        for (const c of o.connections) {
          for (const app of ['prime', 'bare']) {
            const r = await load(servers.get(key(app, w))!.url, bodies, {
              connections: c,
              seconds: o.seconds,
            })
            const k = `${key(app, w)}@${c}`
            runs.set(k, [...(runs.get(k) ?? []), r])
          }
        }
      }
    }
    const cells: ThroughputCell[] = []
    for (const w of o.workers) {
      for (const c of o.connections) {
        for (const app of ['prime', 'bare'] as const) {
          const rs = runs.get(`${key(app, w)}@${c}`)!
          cells.push({
            app,
            workers: w,
            connections: c,
            runs: rs,
            rps: median(rs.map((r) => r.rps)),
            p50: median(rs.map((r) => r.p50)),
            p99: median(rs.map((r) => r.p99)),
          })
        }
      }
    }
    const cell = (app: string, w: number, c: number) =>
      cells.find((x) => x.app === app && x.workers === w && x.connections === c)!
    const lines = [
      '| processes | connections | hyperdash req/s | p50 | p99 | bare Hono req/s | p50 | p99 | hyperdash ÷ bare |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ]
    const ratios: { workers: number; connections: number; ratio: number; p99: number }[] = []
    for (const w of o.workers) {
      for (const c of o.connections) {
        const h = cell('prime', w, c)
        const b = cell('bare', w, c)
        ratios.push({ workers: w, connections: c, ratio: h.rps / b.rps, p99: h.p99 })
        lines.push(
          `| ${w} | ${c} | **${fmt(h.rps)}** | ${ms(h.p50)} | ${ms(h.p99)} | ${fmt(b.rps)} | ${ms(b.p50)} | ${ms(b.p99)} | **${ratio(h.rps / b.rps)}** |`
        )
      }
    }
    lines.push(
      '',
      `Medians of ${o.rounds} runs of ${o.seconds} s each per cell; the runs of all cells interleaved.`
    )
    return { cells, ratios, markdown: lines.join('\n') }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.stop()))
  }
}
