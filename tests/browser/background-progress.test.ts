/**
 * Background callbacks in Chromium (examples/background-progress.tsx, steps of STEP_MS = 300 ms), on
 * both job backends: the embedded one, and BullMQ on a real Redis with a job worker in this process.
 * Each progress step reaches the page on its own as the job reports it, `#run` is disabled while
 * the job runs, `#cancel` stops the job itself (its own step counter stops), a reload mid-job
 * re-attaches to the job instead of running it again, and with JavaScript off the form post waits
 * for the job and answers with its result.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startRedis, type RedisInstance } from '../background/redis.ts'
import { countUpdates, launch, serveFetch, settled, type Served } from './harness.ts'

// Long enough that a reload (slow on a loaded machine) lands while the job still runs.
const STEP_MS = 300
process.env['STEP_MS'] = String(STEP_MS)
type Example = typeof import('../../examples/background-progress.tsx')

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

interface Seen {
  text: string
  value: string | null
  run: boolean
  t: number
}

/**
 * A fresh page (its own context: no jobs left in sessionStorage by another test) that records, from
 * its first parse on (so also across a reload), every change of `#progress-text`: the text,
 * `#progress`'s value, whether `#run` is disabled, and when. Page errors fail through `errors`.
 */
async function openRecorded() {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    const w = window as unknown as { __seen: Seen[] }
    w.__seen = []
    addEventListener('DOMContentLoaded', () => {
      const text = () => document.getElementById('progress-text')!.textContent ?? ''
      let last = text()
      new MutationObserver(() => {
        if (text() === last) return
        last = text()
        w.__seen.push({
          text: last,
          value: document.getElementById('progress')!.getAttribute('value'),
          run: (document.getElementById('run') as HTMLButtonElement).disabled,
          t: performance.now(),
        })
      }).observe(document.getElementById('progress-text')!, {
        childList: true,
        subtree: true,
        characterData: true,
      })
    })
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(served.url + '/')
  await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
  return { page, errors, close: () => context.close() }
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen)
const textOf = (page: Page, id: string) => page.evaluate((id) => document.getElementById(id)!.textContent, id)
const untilText = (page: Page, id: string, text: string) =>
  page.waitForFunction(([id, text]) => document.getElementById(id!)!.textContent === text, [id, text])

const steps = (from: number) => Array.from({ length: 5 - from + 1 }, (_, i) => `step ${from + i} of 5`)

describe.each(['embedded', 'bullmq'] as const)('the example on the %s backend', (backend) => {
  let example: Example
  let counters: Example['counters']
  let redis: RedisInstance | undefined
  beforeAll(async () => {
    if (backend === 'bullmq') {
      redis = await startRedis()
      process.env['REDIS_URL'] = redis.url
    }
    // A fresh module per backend: its own app (its backend is made on first use) and counters.
    vi.resetModules()
    example = await import('../../examples/background-progress.tsx')
    counters = example.counters
    if (backend === 'bullmq') await example.app.startJobWorker({ concurrency: 2 })
    delete process.env['REDIS_URL']
    served = await serveFetch(example.app.fetch)
  }, 20_000)
  afterAll(async () => {
    await served?.close()
    await example?.app.close()
    await redis?.stop()
  })

  describe('with JavaScript', () => {
    it('shows each step as it happens, in one request, with #run disabled until the result', async () => {
      const { page, errors, close } = await openRecorded()
      const updates = countUpdates(page)
      const before = { ...counters }
      expect(await textOf(page, 'progress-text')).toBe('idle')
      expect(await page.isDisabled('#cancel')).toBe(true)
      await page.click('#run')
      await untilText(page, 'result', 'done in 5 steps')
      await settled(page)
      const changes = await seen(page)
      // Five distinct steps, in order, each in its own change, then progressDefault.
      expect(changes.map((c) => c.text)).toEqual([...steps(1), 'idle'])
      expect(changes.map((c) => c.value)).toEqual(['1', '2', '3', '4', '5', '0'])
      for (let i = 1; i < 5; i++) expect(changes[i]!.t).toBeGreaterThan(changes[i - 1]!.t)
      // `running`: disabled at every step, enabled again with the result.
      expect(changes.slice(0, 5).map((c) => c.run)).toEqual([true, true, true, true, true])
      expect(await page.isDisabled('#run')).toBe(false)
      expect(await page.isDisabled('#cancel')).toBe(true)
      expect(updates.n).toBe(1)
      expect(counters.runs - before.runs).toBe(1)
      expect(counters.steps - before.steps).toBe(5)
      expect(errors).toEqual([])
      await close()
    })

    it('cancel stops the job: its counter stops, progress goes back, #result says how far it got', async () => {
      const { page, errors, close } = await openRecorded()
      const updates = countUpdates(page)
      const before = { ...counters }
      await page.click('#run')
      await untilText(page, 'progress-text', 'step 2 of 5')
      await page.click('#cancel')
      await page.waitForFunction(() => /^cancelled/.test(document.getElementById('result')!.textContent!))
      await settled(page)
      // The job's function has returned: it does not run on behind the page's back.
      expect(counters.active).toBe(0)
      const done = counters.steps - before.steps
      expect(done).toBeGreaterThanOrEqual(2)
      expect(done).toBeLessThan(5)
      expect(await textOf(page, 'result')).toBe(`cancelled after ${done} steps`)
      // Longer than the job's remaining steps would take: no step more, nothing more on the page.
      await page.waitForTimeout(STEP_MS * 5)
      expect(counters.steps - before.steps).toBe(done)
      expect(await textOf(page, 'result')).toBe(`cancelled after ${done} steps`)
      expect(await textOf(page, 'progress-text')).toBe('idle')
      expect(await page.getAttribute('#progress', 'value')).toBe('0')
      expect(await page.isDisabled('#run')).toBe(false)
      expect(await page.isDisabled('#cancel')).toBe(true)
      expect((await seen(page)).map((c) => c.text)).toEqual([...steps(1).slice(0, done), 'idle'])
      expect(updates.n).toBe(2) // the job's request, the cancel's
      expect(counters.runs - before.runs).toBe(1)
      expect(errors).toEqual([])
      await close()
    })

    it('a reload mid-job re-attaches: the progress goes on, the result lands, the job ran once', async () => {
      const { page, errors, close } = await openRecorded()
      const before = { ...counters }
      await page.click('#run')
      await untilText(page, 'progress-text', 'step 1 of 5')
      await page.reload()
      await untilText(page, 'result', 'done in 5 steps')
      await settled(page)
      const changes = await seen(page)
      const after = changes.map((c) => c.text)
      // The reloaded page picks up where the job stands (step 1 or later), then each step after it.
      const first = steps(1).indexOf(after[0]!)
      expect(first).toBeGreaterThanOrEqual(0)
      expect(after).toEqual([...steps(first + 1), 'idle'])
      // `running` is on again on the reloaded page (the re-attach request carries it) until the end.
      expect(changes.slice(0, -1).every((c) => c.run)).toBe(true)
      expect(await page.isDisabled('#run')).toBe(false)
      expect(counters.runs - before.runs).toBe(1)
      expect(counters.steps - before.steps).toBe(5)
      expect(errors).toEqual([])
      await close()
    })
  })

  describe('without JavaScript', () => {
    it('the form post waits for the job and answers with the page showing its result', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false })
      const page = await context.newPage()
      const posts: string[] = []
      page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
      await page.goto(served.url + '/')
      const before = { ...counters }
      const root = page.locator('.hd-app >> visible=true')
      await root.locator('#run').click()
      await page.waitForLoadState()
      expect(posts).toEqual(['/'])
      expect(await root.locator('#result').textContent()).toBe('done in 5 steps')
      expect(await root.locator('#progress-text').textContent()).toBe('idle')
      expect(await root.locator('#progress').getAttribute('value')).toBe('0')
      expect(await root.locator('#progress').getAttribute('max')).toBe('5')
      expect(counters.runs - before.runs).toBe(1)
      expect(counters.steps - before.steps).toBe(5)
      await context.close()
    })
  })
})
