/**
 * @module harness
 * Browser tests: serve an app on 127.0.0.1 (a free port) and drive it in Debian's Chromium with
 * playwright-core. Helpers record when elements change, from inside the page.
 */
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import * as vitestHooks from 'vitest'

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** Chromium as the probe ran it here: no sandbox as root, no background networking. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface Served {
  url: string
  close(): Promise<void>
}

/** Serves a fetch handler on 127.0.0.1 at a free port. */
export function serveFetch(fetch: (req: Request) => Response | Promise<Response>): Promise<Served> {
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      })
    })
  })
}

/** Opens a page and fails the test on any page error or console error. */
export async function open(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(url)
  await page.waitForFunction(() => (window as unknown as { htmx?: unknown }).htmx !== undefined)
  return { page, errors }
}

/**
 * Starts recording, inside the page, every change to the text of the given elements:
 * `[{ id, text, t }]`, `t` in ms since recording started.
 */
export async function recordChanges(page: Page, ids: string[]): Promise<void> {
  await page.evaluate((ids) => {
    const w = window as unknown as { __changes: { id: string; text: string; t: number }[]; __t0: number }
    w.__changes = []
    w.__t0 = performance.now()
    for (const id of ids) {
      const el = document.getElementById(id)
      if (!el) continue
      let last: string | null = el.textContent
      new MutationObserver(() => {
        const now = document.getElementById(id)
        const text = now ? now.textContent : null
        if (text === last) return
        last = text
        w.__changes.push({ id, text: text ?? '', t: performance.now() - w.__t0 })
      }).observe(el, { childList: true, subtree: true, characterData: true })
    }
  }, ids)
}

export function changes(page: Page): Promise<{ id: string; text: string; t: number }[]> {
  return page.evaluate(
    () => (window as unknown as { __changes: { id: string; text: string; t: number }[] }).__changes
  )
}

/** Resolves when no htmx request is in flight (the `htmx-request` class is gone everywhere). */
export async function settled(page: Page, quietMs = 150): Promise<void> {
  await page.waitForTimeout(quietMs)
  await page.waitForFunction(() => document.querySelectorAll('.htmx-request').length === 0)
}

/**
 * Per test file: one Chromium and one server for the app `load()` resolves to. Returns getters, so
 * tests read them after `beforeAll` has run.
 */
export function useApp(load: () => Promise<{ fetch: (req: Request) => Response | Promise<Response> }>) {
  let browser: Browser
  let served: Served
  const { beforeAll, afterAll } = vitestHooks
  beforeAll(async () => {
    const app = await load()
    browser = await launch()
    served = await serveFetch(app.fetch)
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
  })
  return {
    /** Opens the app's page; fails on page errors through the returned `errors`. */
    open: (path = '/') => open(browser, served.url + path),
    url: () => served.url,
  }
}

/** Counts the update requests a page sends. */
export function countUpdates(page: Page): { readonly n: number } {
  const counter = { n: 0 }
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/_hd/update')) counter.n++
  })
  return counter
}
