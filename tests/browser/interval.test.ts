/**
 * dcc.Interval in Chromium: ticks are counted and never overlap (a slow callback's result lands before
 * the next tick leaves), no ticks while the tab is hidden and one on its return, max_intervals stops
 * it, and callbacks changing its props take effect.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { intervalApp } from './fixtures/components-app.tsx'
import { launch, open, serveFetch, settled, type Served } from './harness.ts'

let browser: Browser
const servers: Served[] = []
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
  for (const s of servers) await s.close()
})

async function serve(app: ReturnType<typeof intervalApp>) {
  const s = await serveFetch(app.fetch)
  servers.push(s)
  return s.url
}

interface Sent {
  n: number
  at: number
}
/** Records, in the page, every tick request: n_intervals sent, when, and the most in flight at once. */
async function recordTicks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __ticks: { n: number; at: number }[]; __peak: number }
    w.__ticks = []
    w.__peak = 0
    // Requests in flight, by their context (one that left before recording began is not counted).
    const inflight = new Set<unknown>()
    document.addEventListener('htmx:before:request', (e) => {
      const ctx = (e as CustomEvent).detail.ctx
      inflight.add(ctx)
      w.__peak = Math.max(w.__peak, inflight.size)
      const body = JSON.parse(ctx.request.body)
      if (body.changed?.includes('tick.n_intervals'))
        w.__ticks.push({ n: body.components.tick.values.n_intervals, at: performance.now() })
    })
    document.addEventListener('htmx:finally:request', (e) => inflight.delete((e as CustomEvent).detail.ctx))
  })
}
const ticks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __ticks: Sent[]; __peak: number }).__ticks)
const peak = (page: Page) => page.evaluate(() => (window as unknown as { __peak: number }).__peak)

it('never overlaps: with a callback slower than the interval, every tick lands, one at a time', async () => {
  const { page, errors } = await open(browser, await serve(intervalApp(400, { interval: 100 })))
  await recordTicks(page)
  const shown: string[] = []
  await page.exposeFunction('__shown', (t: string) => shown.push(t))
  await page.evaluate(() =>
    new MutationObserver(() =>
      (window as unknown as { __shown(t: string): void }).__shown(
        document.getElementById('count')!.textContent!
      )
    ).observe(document.getElementById('count')!, { childList: true, subtree: true, characterData: true })
  )
  await page.waitForFunction(() => Number(document.getElementById('count')?.textContent) >= 5)
  const sent = await ticks(page)
  console.log(JSON.stringify(sent), await peak(page), shown)
  expect(await peak(page)).toBe(1)
  // Consecutive counts, each tick's own result shown (none superseded by the next tick).
  const start = Number(shown[0])
  expect(shown.slice(0, 4)).toEqual([start, start + 1, start + 2, start + 3].map(String))
  expect(sent.map((s) => s.n).slice(0, 5)).toEqual(sent.slice(0, 5).map((_, i) => sent[0]!.n + i))
  // Queued, not piled up: the next tick leaves once the slow one has landed (≥ 400 ms apart).
  for (let i = 1; i < Math.min(sent.length, 4); i++)
    expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(400)
  expect(errors).toEqual([])
})

it('sends no tick while the tab is hidden, and one (not a burst) when it is shown again', async () => {
  const { page, errors } = await open(browser, await serve(intervalApp(0, { interval: 200 })))
  await page.waitForFunction(() => Number(document.getElementById('count')?.textContent) >= 2)
  await recordTicks(page)
  // Hide the page: what Chromium reports for a background tab.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  await settled(page)
  const hiddenFrom = (await ticks(page)).length
  await page.waitForTimeout(1200) // six intervals
  expect((await ticks(page)).length).toBe(hiddenFrom)
  const nBefore = Number(await page.getAttribute('#tick', 'data-n-intervals'))
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
    document.dispatchEvent(new Event('visibilitychange'))
  })
  await page.waitForFunction(
    (n) => (window as unknown as { __ticks: Sent[] }).__ticks.length >= n + 2,
    hiddenFrom
  )
  const after = (await ticks(page)).slice(hiddenFrom)
  // One catch-up tick (the next count), then the usual cadence: a whole interval later.
  expect(after[0]!.n).toBe(nBefore + 1)
  expect(after[1]!.n).toBe(nBefore + 2)
  expect(after[1]!.at - after[0]!.at).toBeGreaterThanOrEqual(195)
  expect(errors).toEqual([])
})

it('stops at max_intervals', async () => {
  const { page, errors } = await open(
    browser,
    await serve(intervalApp(0, { interval: 50, max_intervals: 3 }))
  )
  await page.waitForFunction(() => document.getElementById('count')?.textContent === '3')
  await settled(page)
  await recordTicks(page)
  await page.waitForTimeout(500) // ten more intervals
  expect(await ticks(page)).toEqual([])
  expect(await page.textContent('#count')).toBe('3')
  expect(await page.getAttribute('#tick', 'data-n-intervals')).toBe('3')
  expect(errors).toEqual([])
})

it('obeys callbacks that set n_intervals, interval and disabled', async () => {
  const { page, errors } = await open(browser, await serve(intervalApp(0, { interval: 100 })))
  await page.waitForFunction(() => Number(document.getElementById('count')?.textContent) >= 3)
  // n_intervals back to 0: the next tick sends 1.
  await recordTicks(page)
  await page.click('#zero')
  await page.waitForFunction(() => (window as unknown as { __ticks: Sent[] }).__ticks.some((t) => t.n === 1))
  // A 60 s interval: the timer is set again, no tick soon.
  await page.click('#slower')
  await page.waitForFunction(() => document.getElementById('tick')?.getAttribute('data-interval') === '60000')
  await settled(page)
  const slow = (await ticks(page)).length
  await page.waitForTimeout(500)
  expect((await ticks(page)).length).toBe(slow)
  // disabled: stays stopped.
  await page.click('#stop')
  await page.waitForFunction(() => document.getElementById('tick')?.getAttribute('data-disabled') === 'true')
  expect(errors).toEqual([])
})
