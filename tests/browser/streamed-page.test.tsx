/**
 * The streamed first page (issue "Exactly once"): an initial call slower than `initialBudgetMs` runs
 * once, its result arrives in the same response, the page is usable before it does, and without
 * JavaScript the page still ends complete.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { countUpdates, launch, open, serveFetch } from './harness.ts'
import { afterAll, beforeAll } from 'vitest'
import type { Browser } from 'playwright-core'

const runs = { slow: 0, click: 0 }
/** The slow initial call waits for this after its 3 s: a test holds it back to act meanwhile. */
let gate: Promise<void> = Promise.resolve()
const app = createApp({
  secret: 'streamed-page-secret-0123456789abcdef',
  initialBudgetMs: 50,
  layout: (
    <main>
      <dcc.Input id="src" value="a" />
      <div id="fast-out">…</div>
      <div id="slow-out">loading…</div>
      <button id="btn">go</button>
      <div id="click-out" />
    </main>
  ),
})
app.callback(Output('fast-out', 'children'), [Input('src', 'value')], () => 'fast done')
app.callback(Output('slow-out', 'children'), [Input('src', 'value')], async () => {
  runs.slow++
  await new Promise((r) => setTimeout(r, 3000))
  await gate
  return `slow done (run ${runs.slow})`
})
app.callback(
  Output('click-out', 'children'),
  [Input('btn', 'n_clicks')],
  (n) => {
    runs.click++
    return `clicked ${n}`
  },
  { preventInitialCall: true }
)

let browser: Browser
let served: { url: string; close(): Promise<void> }
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch(app.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

it('a slow initial call runs once, and its result arrives in the first response: no second request', async () => {
  runs.slow = 0
  const { page, errors } = await open(browser, served.url)
  const updates = countUpdates(page)
  await page.waitForFunction(() => document.getElementById('slow-out')!.textContent!.startsWith('slow done'))
  expect(await page.textContent('#slow-out')).toBe('slow done (run 1)')
  expect(await page.textContent('#fast-out')).toBe('fast done')
  await new Promise((r) => setTimeout(r, 300))
  expect(runs.slow).toBe(1)
  expect(updates.n).toBe(0)
  expect(errors).toEqual([])
  await page.close()
})

it('the page is usable while the late result is still on its way', async () => {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  const updates = countUpdates(page)
  let release!: () => void
  gate = new Promise((r) => (release = r))
  await page.goto(served.url, { waitUntil: 'commit' })
  await page.waitForSelector('#btn')
  // htmx makes the root live as soon as it is complete, before the document ends.
  await page.waitForSelector('#btn[data-htmx-powered]')
  await page.click('#btn')
  await page.waitForFunction(() => document.getElementById('click-out')!.textContent === 'clicked 1')
  // The slow initial call had not landed when the click's answer did.
  expect(await page.evaluate(() => document.readyState)).toBe('loading')
  expect(await page.textContent('#slow-out')).toBe('loading…')
  release()
  await page.waitForFunction(() => document.getElementById('slow-out')!.textContent!.startsWith('slow done'))
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
  await page.close()
})

it('without JavaScript the page ends complete: the finished root, the unfinished one hidden', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await page.goto(served.url)
  const visible = await page.$$eval('[id="slow-out"]', (els) =>
    els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.textContent)
  )
  expect(visible).toEqual([expect.stringMatching(/^slow done \(run \d+\)$/)])
  expect(await page.isVisible('.hd-nojs-final #fast-out')).toBe(true)
  await context.close()
})
