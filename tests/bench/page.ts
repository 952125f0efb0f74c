/**
 * @module page
 * Section 4: time to render the first page (GET /, initial calls included) for big layouts.
 */
import { layoutApp } from './apps.tsx'
import { fmt, kb, median, ms } from './stats.ts'

export interface PageRow {
  size: number
  live: boolean
  ms: number
  runs: number
  bytes: number
}

/** Renders the page `runs` times after one warm-up (fewer when one render takes longer than `budgetMs / runs`). */
async function renderTimes(size: number, live: boolean, runs: number, budgetMs: number): Promise<PageRow> {
  const app = layoutApp(size, live)
  const get = async () => {
    const t0 = performance.now()
    const res = await app.fetch(new Request('http://127.0.0.1/'))
    const html = await res.text()
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`)
    return { t: performance.now() - t0, bytes: Buffer.byteLength(html) }
  }
  const first = await get()
  const times: number[] = []
  const start = performance.now()
  while (times.length < runs && (times.length < 3 || performance.now() - start < budgetMs))
    times.push((await get()).t)
  return { size, live, ms: median(times), runs: times.length, bytes: first.bytes }
}

export async function pageSection(o: { runs: number; budgetMs: number }, sizes = [1000, 10_000]) {
  const rows: PageRow[] = []
  for (const live of [false, true])
    for (const size of sizes) rows.push(await renderTimes(size, live, o.runs, o.budgetMs))
  const lines = [
    '| components | kind of layout | render (median) | per component | page size | runs |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${fmt(r.size)} | ${r.live ? `live: ${fmt(r.size / 2)} inputs → ${fmt(r.size / 2)} outputs, ${fmt(r.size / 2)} initial calls` : 'static elements, 1 callback'} | ${ms(r.ms)} | ${fmt((r.ms * 1000) / r.size)} µs | ${kb(r.bytes)} | ${r.runs} |`
    ),
  ]
  return { rows, markdown: lines.join('\n') }
}
