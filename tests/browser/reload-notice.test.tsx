/**
 * In Chromium: when the page's signed state no longer verifies (the server restarted with another
 * secret, or the state passed `stateMaxAgeSeconds`), the user sees a notice (role=alert) with a Reload
 * button, which reloads the page; when the server is over `maxConcurrentUpdates` (503), a "busy,
 * retrying" notice shows and the event is sent again after `Retry-After`, and lands.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, Input, Output, type AppOptions } from '../../src/index.ts'
import { launch, open, serveFetch, type Served } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(() => browser?.close())

const quiet = { error: () => {}, warn: () => {}, info: () => {} }

function clickApp(options: Partial<AppOptions> = {}, slowMs = 0) {
  const app = createApp({
    secret: 'browser-reload-secret-0123456789',
    logger: quiet,
    ...options,
    layout: (
      <div>
        <button id="go">go</button>
        <div id="out" title="server-owned" />
        <button id="slow">slow</button>
        <div id="slow-out" />
      </div>
    ),
  })
  app.callback(Output('out', 'children'), [Input('go', 'n_clicks')], (n) => `clicked ${n}`, {
    preventInitialCall: true,
  })
  app.callback(
    Output('slow-out', 'children'),
    [Input('slow', 'n_clicks')],
    async (n) => {
      await new Promise((r) => setTimeout(r, slowMs))
      return `slow ${n}`
    },
    { preventInitialCall: true }
  )
  return app
}

describe('signed state that no longer verifies', () => {
  let served: Served
  let current = clickApp()
  beforeAll(async () => {
    served = await serveFetch((req) => current.fetch(req))
  })
  afterAll(() => served?.close())

  it('a restart with another secret: the notice with a Reload button appears; clicking it reloads', async () => {
    current = clickApp()
    const { page } = await open(browser, served.url + '/')
    await page.click('#go')
    await page.waitForFunction(() => document.getElementById('out')!.textContent === 'clicked 1')
    // The server restarts with another secret (a deploy without a shared HYPERDASH_SECRET).
    current = clickApp({ secret: 'another-secret-after-restart-0123' })
    await page.click('#go')
    const notice = page.locator('.hd-errors .hd-notice-reload[role=alert]')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('This page is out of date')
    expect(await page.textContent('#out')).toBe('clicked 1')
    await Promise.all([page.waitForNavigation(), notice.locator('button', { hasText: 'Reload' }).click()])
    await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
    expect(await page.locator('.hd-notice').count()).toBe(0)
    await page.click('#go')
    await page.waitForFunction(() => document.getElementById('out')!.textContent === 'clicked 1')
    await page.close()
  })

  it('state past stateMaxAgeSeconds: 409, and the same notice', async () => {
    current = clickApp({ stateMaxAgeSeconds: 1 })
    const { page } = await open(browser, served.url + '/')
    const statuses: number[] = []
    page.on('response', (r) => r.url().includes('/_hd/update') && statuses.push(r.status()))
    await page.waitForTimeout(2100)
    await page.click('#go')
    await page.locator('.hd-notice-reload[role=alert] button').waitFor()
    expect(statuses).toEqual([409])
    await page.close()
  })
})

describe('a busy server (maxConcurrentUpdates)', () => {
  let served: Served
  const app = clickApp({ maxConcurrentUpdates: 1 }, 1200)
  beforeAll(async () => {
    served = await serveFetch(app.fetch)
  })
  afterAll(() => served?.close())

  it('shows "busy, retrying", sends the event again after Retry-After, and it lands', async () => {
    const { page } = await open(browser, served.url + '/')
    try {
      const statuses: number[] = []
      page.on('response', (r) => r.url().includes('/_hd/update') && statuses.push(r.status()))
      await page.click('#slow')
      await page.waitForTimeout(100)
      await page.click('#go')
      const busy = page.locator('.hd-notice-busy[role=status]')
      await busy.waitFor()
      expect(await busy.textContent()).toBe('The server is busy: retrying in 1 s…')
      await page.waitForFunction(() => document.getElementById('out')!.textContent === 'clicked 1', null, {
        timeout: 10_000,
      })
      await page.waitForFunction(() => document.getElementById('slow-out')!.textContent === 'slow 1')
      // The slow click's stream (its head is out after streamAfterMs) holds the one place: go gets 503s.
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1)
      expect(statuses.filter((s) => s === 200).length).toBe(2)
      expect(await page.locator('.hd-notice-busy').count()).toBe(0)
    } finally {
      await page.close()
    }
  })
})
