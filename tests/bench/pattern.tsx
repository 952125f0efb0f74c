/**
 * @module pattern
 * Section 7: one event on one MATCH item, with 10 and with 1,000 items on the page. The engine alone
 * (parse, validate, plan, run) and the whole update route (in-process: verification of every
 * component's signed state, the wave, rendering) are timed. The request carries what the item's
 * chain reads and writes (`hd-carry`: its own input and output), so neither grows with the page.
 */
import { createApp, dcc, html, Input, MATCH, Output, type HyperApp } from '../../src/index.ts'
import { captureUpdates, updateRequest, type Update } from './client.ts'
import { answer, calibrate, engineTime, type TimeOptions } from './inprocess.ts'
import { fmt, ratio, timeMedian, us } from './stats.ts'

/** `n` items: an Input `{ type: 'in', index }` and its output `{ type: 'out', index }`, one MATCH callback. */
function itemsApp(n: number): HyperApp {
  const app = createApp({
    secret: 'bench-pattern-secret-0123456789',
    layout: (
      <div>
        {Array.from({ length: n }, (_, index) => (
          <div>
            <dcc.Input id={{ type: 'in', index }} value={String(index)} />
            <html.Div id={{ type: 'out', index }} />
          </div>
        ))}
      </div>
    ),
  })
  app.callback(
    Output({ type: 'out', index: MATCH }, 'children'),
    Input({ type: 'in', index: MATCH }, 'value'),
    (v) => `got ${v}`
  )
  return app
}

async function routeTime(app: HyperApp, body: Update, o: TimeOptions): Promise<number> {
  const fn = async () => (await app.fetch(updateRequest('http://127.0.0.1', body))).text()
  const perBatch = await calibrate(fn, o.batchMs)
  return timeMedian(fn, { batches: o.batches, perBatch, warmup: perBatch })
}

export async function patternSection(o: { timing: TimeOptions; sizes?: number[] }) {
  const sizes = o.sizes ?? [10, 1000]
  const rows: { n: number; bytes: number; engine: number; route: number; outputs: number }[] = []
  for (const n of sizes) {
    const app = itemsApp(n)
    const [body] = await captureUpdates(app, [{ id: '{"index":0,"type":"in"}', value: 'x' }])
    const a = await answer(app, body!)
    rows.push({
      n,
      bytes: Buffer.byteLength(body!.body),
      outputs: a.ids.size,
      engine: await engineTime(app, body!, o.timing),
      route: await routeTime(app, body!, o.timing),
    })
  }
  const [small, big] = [rows[0]!, rows[rows.length - 1]!]
  const ratios = { engine: big.engine / small.engine, route: big.route / small.route }
  const markdown = [
    '| items on the page | request body | outputs updated | engine CPU | whole route (in-process) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) => `| ${fmt(r.n)} | ${fmt(r.bytes)} B | ${r.outputs} | ${us(r.engine)} | ${us(r.route)} |`
    ),
    '',
    `${fmt(big.n)} items ÷ ${small.n}: engine ${ratio(ratios.engine)}, whole route ${ratio(ratios.route)}. ` +
      'The MATCH call is found and resolved without scanning the page, and the request carries only the ' +
      "item's own components (`hd-carry`, MATCH bound to the item), whatever the page holds.",
  ].join('\n')
  return { rows, ratios, markdown }
}
