/**
 * dcc.Store in Chromium: a local store survives a reload and fires its callbacks with the restored
 * data; another tab's write fires them here; a session store is per tab; clear_data removes it; a
 * full storage and oversized stored data are visible errors.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { storeApp } from './fixtures/components-app.tsx'
import { launch, serveFetch, settled, type Served } from './harness.ts'

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch(storeApp.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

async function openIn(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(served.url)
  await page.waitForFunction(
    () => (window as unknown as { hyperdash?: { storeModule?: boolean } }).hyperdash?.storeModule
  )
  await settled(page)
  return { page, errors }
}

async function save(page: Page, text: string) {
  await page.fill('#text', text)
  await page.click('#save')
}

const KEY = 'hyperdash:/#local'

it('keeps local data across a reload and fires data and modified_timestamp with it', async () => {
  const context = await browser.newContext()
  const { page, errors } = await openIn(context)
  expect(await page.textContent('#shown')).toBe('null')
  expect(await page.textContent('#stamp')).toBe('')
  await save(page, 'hello')
  await page.waitForFunction(() => document.getElementById('shown')?.textContent === '{"text":"hello"}')
  await page.waitForFunction(() => document.getElementById('stamp')?.textContent === 'stamped')
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe('{"text":"hello"}')
  expect(Number(await page.evaluate((k) => localStorage.getItem(`${k}-timestamp`), KEY))).toBeGreaterThan(0)
  await page.reload()
  // The first page shows the layout's data (the server cannot see storage); the module fires the stored one.
  await page.waitForFunction(() => document.getElementById('shown')?.textContent === '{"text":"hello"}')
  await page.waitForFunction(() => document.getElementById('stamp')?.textContent === 'stamped')
  expect(errors).toEqual([])
  await context.close()
})

it("syncs across tabs: another tab's write fires this tab's callbacks", async () => {
  const context = await browser.newContext()
  const a = await openIn(context)
  const b = await openIn(context)
  await save(a.page, 'from A')
  await b.page.waitForFunction(() => document.getElementById('shown')?.textContent === '{"text":"from A"}')
  await save(b.page, 'from B')
  await a.page.waitForFunction(() => document.getElementById('shown')?.textContent === '{"text":"from B"}')
  // clear_data in one tab: storage emptied, both tabs show null.
  await a.page.click('#clear')
  await a.page.waitForFunction(() => document.getElementById('shown')?.textContent === 'null')
  await b.page.waitForFunction(() => document.getElementById('shown')?.textContent === 'null')
  expect(await a.page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(null)
  expect(await a.page.getAttribute('#local', 'data-clear-data')).toBe('false')
  expect([...a.errors, ...b.errors]).toEqual([])
  await context.close()
})

it('keeps session data per tab: kept across a reload, not shared with a new tab', async () => {
  const context = await browser.newContext()
  const { page, errors } = await openIn(context)
  expect(await page.textContent('#visits')).toBe('0')
  await page.click('#visit')
  await page.waitForFunction(() => document.getElementById('visits')?.textContent === '1')
  await page.click('#visit')
  await page.waitForFunction(() => document.getElementById('visits')?.textContent === '2')
  await page.reload()
  await page.waitForFunction(() => document.getElementById('visits')?.textContent === '2')
  const other = await openIn(context)
  expect(await other.page.textContent('#visits')).toBe('0')
  expect([...errors, ...other.errors]).toEqual([])
  await context.close()
})

it('shows a full storage as a visible error naming the store, not a silent loss', async () => {
  const context = await browser.newContext()
  const { page, errors } = await openIn(context)
  // Fill the origin's storage to the last byte.
  await page.evaluate(() => {
    let i = 0
    for (const size of [512 * 1024, 32 * 1024, 1024, 32, 1]) {
      const chunk = 'x'.repeat(size)
      for (;;) {
        try {
          localStorage.setItem(`junk-${i++}`, chunk)
        } catch {
          break
        }
      }
    }
  })
  await save(page, 'does not fit')
  const box = await page.waitForSelector('.hd-errors .hd-store-error[role=alert]')
  expect(await box.textContent()).toMatch(
    /^dcc\.Store 'local': the browser refused to keep the data in local storage \(QuotaExceededError: the storage is full or disabled\)\. The data was not saved\.$/
  )
  expect(errors).toHaveLength(1)
  await context.close()
})

it('sends oversized stored data as null, with a visible error', async () => {
  const context = await browser.newContext()
  const { page } = await openIn(context)
  await page.evaluate((k) => localStorage.setItem(k, JSON.stringify('y'.repeat(1_100_000))), KEY)
  await page.reload()
  const box = await page.waitForSelector('.hd-errors .hd-store-error')
  expect(await box.textContent()).toBe(
    "dcc.Store 'local': the local storage holds 1100002 bytes, more than the 1000000 a request may carry; " +
      'it is sent as null. Store less, or clear it (clear_data).'
  )
  expect(await page.textContent('#shown')).toBe('null')
  await context.close()
})
