/**
 * DataTable without JavaScript (examples/table-paging.tsx: custom paging and sorting, answered by a
 * callback): the pager's and the headers' buttons are submit buttons of the page's form posting
 * the page or sort they ask for, so the callback runs and the page comes back with the new rows.
 * With JavaScript on, the same buttons send their update and never submit the form.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch((await import('../../examples/table-paging.tsx')).app.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

const ids = (page: Page) =>
  page.$$eval('#table tbody td[data-col="id"]', (tds) => tds.slice(0, 3).map((td) => td.textContent))
const pageLabel = (page: Page) => page.textContent('#table .hd-table-page')

it('without JavaScript: Next, Last and a header sort post the form and show the new rows', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(served.url + '/')
    expect(await pageLabel(page)).toBe('Page 1 of 5000')
    expect(await ids(page)).toEqual(['1', '2', '3'])
    await Promise.all([page.waitForNavigation(), page.click('#table [aria-label="Next page"]')])
    expect(await pageLabel(page)).toBe('Page 2 of 5000')
    expect(await ids(page)).toEqual(['21', '22', '23'])
    await Promise.all([page.waitForNavigation(), page.click('#table [aria-label="Last page"]')])
    expect(await pageLabel(page)).toBe('Page 5000 of 5000')
    expect(await ids(page)).toEqual(['99981', '99982', '99983'])
    // Sort by id, twice: descending, on the page it was on; then the first page.
    await Promise.all([page.waitForNavigation(), page.click('#table [aria-label="Sort by Id"]')])
    expect(await page.getAttribute('#table th[data-col="id"]', 'aria-sort')).toBe('ascending')
    await Promise.all([page.waitForNavigation(), page.click('#table [aria-label="Sort by Id"]')])
    expect(await page.getAttribute('#table th[data-col="id"]', 'aria-sort')).toBe('descending')
    expect(await ids(page)).toEqual(['20', '19', '18'])
    await Promise.all([page.waitForNavigation(), page.click('#table [aria-label="First page"]')])
    expect(await pageLabel(page)).toBe('Page 1 of 5000')
    expect(await ids(page)).toEqual(['100000', '99999', '99998'])
  } finally {
    await context.close()
  }
})

it('with JavaScript on: the same buttons send updates, the form never submits', async () => {
  const page = await browser.newPage()
  const posts: string[] = []
  page.on('request', (r) => r.method() === 'POST' && posts.push(new URL(r.url()).pathname))
  let loads = 0
  page.on('load', () => loads++)
  await page.goto(served.url + '/')
  await page.waitForFunction(() => document.documentElement.classList.contains('hd-js'))
  // No submission starts at all (its validation would flag unrelated fields): the script's click.
  await page.evaluate(() => {
    const w = window as unknown as { submits: number }
    w.submits = 0
    document.addEventListener('submit', () => w.submits++, true)
  })
  await page.click('#table [aria-label="Next page"]')
  await page.waitForFunction(
    () => document.querySelector('#table .hd-table-page')?.textContent === 'Page 2 of 5000'
  )
  expect(await ids(page)).toEqual(['21', '22', '23'])
  await page.click('#table [aria-label="Sort by Id"]')
  await page.waitForFunction(
    () => document.querySelector('#table th[data-col="id"]')?.getAttribute('aria-sort') === 'ascending'
  )
  expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0)
  expect(posts).toEqual(['/_hd/update', '/_hd/update'])
  expect(loads).toBe(1)
  await page.close()
})
