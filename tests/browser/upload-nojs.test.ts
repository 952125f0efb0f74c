/**
 * dcc.Upload without JavaScript (examples/components-content.tsx): the page's form posts
 * `multipart/form-data` to the page, and the callback gets `contents` (a data URL) and `filename`
 * as it does through the upload route; a file over `max_size` is a 413 naming the limit.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
let served: Served
let context: BrowserContext
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch((await import('../../examples/components-content.tsx')).app.fetch)
  context = await browser.newContext({ javaScriptEnabled: false })
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await served?.close()
})

const visible = (page: Page, selector: string) => page.locator('.hd-app >> visible=true').locator(selector)

it('a chosen file reaches the callback when the form is posted', async () => {
  const page = await context.newPage()
  const sent: { path: string; type: string }[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST')
      sent.push({ path: new URL(r.url()).pathname, type: r.headers()['content-type'] ?? '' })
  })
  await page.goto(served.url + '/')
  expect(await visible(page, 'form.hd-form').getAttribute('enctype')).toBe('multipart/form-data')
  expect(await visible(page, '#upload-output').textContent()).toBe('No file yet')
  const text = 'name,value\nalpha,1\nbeta,2\n'
  await visible(page, '#upload input[type=file]').setInputFiles({
    name: 'data.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  })
  await Promise.all([page.waitForNavigation(), visible(page, '.hd-form-submit').click()])
  expect(await visible(page, '#upload-output').textContent()).toBe(
    `data.csv: ${text.length} bytes (text/csv)`
  )
  expect(sent.map((s) => s.path)).toEqual(['/'])
  expect(sent[0]!.type).toMatch(/^multipart\/form-data; boundary=/)
  // Posted again without a file: the upload is not run again, its output stays.
  await Promise.all([page.waitForNavigation(), visible(page, '.hd-form-submit').click()])
  expect(await visible(page, '#upload-output').textContent()).toBe(
    `data.csv: ${text.length} bytes (text/csv)`
  )
})

it('a file over max_size: 413, the message names the limit', async () => {
  const page = await context.newPage()
  await page.goto(served.url + '/')
  await visible(page, '#upload input[type=file]').setInputFiles({
    name: 'big.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(150_000, 1),
  })
  const [res] = await Promise.all([page.waitForNavigation(), visible(page, '.hd-form-submit').click()])
  expect(res?.status()).toBe(413)
  expect(await page.textContent('body')).toBe(
    "Upload refused: 'big.bin' is 146.5 KB, larger than this upload accepts (97.7 KB, its max_size). Choose a smaller file."
  )
})
