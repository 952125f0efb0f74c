/**
 * @module first-byte
 * Section 4b: the streamed first page with a 1 s initial call: when its first byte, its app root and
 * its end leave the server (in-process, read chunk by chunk), and how many times the call ran.
 */
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { median, ms } from './stats.ts'

export async function firstByteSection(runs: number, slowMs = 1000) {
  let calls = 0
  const app = createApp({
    secret: 'bench-first-byte-secret-0123456789abcdef',
    layout: (
      <main>
        <dcc.Input id="src" value="a" />
        <div id="slow">waiting</div>
      </main>
    ),
  })
  app.callback(Output('slow', 'children'), [Input('src', 'value')], async (v) => {
    calls++
    await new Promise((r) => setTimeout(r, slowMs))
    return `slow ${v}`
  })
  const first: number[] = []
  const root: number[] = []
  const end: number[] = []
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now()
    const res = await app.fetch(new Request('http://127.0.0.1/'))
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    let tFirst = 0
    let tRoot = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      tFirst ||= performance.now() - t0
      if (!tRoot && text.includes('class="hd-app"')) tRoot = performance.now() - t0
    }
    if (i === 0) continue // warm-up
    first.push(tFirst)
    root.push(tRoot)
    end.push(performance.now() - t0)
  }
  const rows = {
    firstByteMs: median(first),
    rootMs: median(root),
    endMs: median(end),
    runsPerPage: calls / (runs + 1),
  }
  const markdown = [
    `| initial call | first byte (median) | app root | end of document | runs of the call per page |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${ms(slowMs)} | ${ms(rows.firstByteMs)} | ${ms(rows.rootMs)} | ${ms(rows.endMs)} | ${rows.runsPerPage} |`,
  ].join('\n')
  return { rows, markdown }
}
