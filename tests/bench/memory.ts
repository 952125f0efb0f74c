/**
 * @module memory
 * Section 6: the memory of one server process after 1k updates and after 100k (time-bounded).
 */
import type { Update } from './client.ts'
import { load, startServer } from './load.ts'
import { fmt } from './stats.ts'

const mb = (b: number) => `${fmt(b / 1024 / 1024)} MB`

export async function memorySection(bodies: Update[], o: { total: number; maxSeconds: number }) {
  const server = await startServer('prime', 1, { gc: true })
  try {
    const before = await server.mem()
    let sent = (await load(server.url, bodies, { connections: 10, amount: 1000 })).requests
    const early = await server.mem()
    const earlyCount = sent
    const t0 = performance.now()
    while (sent < o.total && performance.now() - t0 < o.maxSeconds * 1000) {
      const left = o.total - sent
      const r = await load(
        server.url,
        bodies,
        left < 20_000 ? { connections: 50, amount: left } : { connections: 50, seconds: 5 }
      )
      sent += r.requests
    }
    const late = await server.mem()
    const rows = [
      ['fresh (page rendered, no updates)', 0, before],
      [`after ${fmt(earlyCount)} updates`, earlyCount, early],
      [`after ${fmt(sent)} updates`, sent, late],
    ] as const
    const lines = [
      '| one server process | RSS | JS heap used (after GC) | external |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map(([label, , m]) => `| ${label} | ${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.external)} |`),
      '',
      `RSS after ${fmt(sent)} ÷ after ${fmt(earlyCount)}: ${(late.rss / early.rss).toFixed(2)}×; heap after GC grew ${mb(late.heapUsed - early.heapUsed)}.`,
    ]
    return { before, early, late, earlyCount, sent, markdown: lines.join('\n') }
  } finally {
    await server.stop()
  }
}
