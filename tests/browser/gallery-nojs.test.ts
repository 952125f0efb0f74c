/**
 * The example gallery (`npm start`, examples/gallery.tsx) with JavaScript off: the index links each
 * example; each example's page arrives whole, every hyperdash field belongs to a hyperdash form, and
 * posting that form (its Update button) answers the page again, never an error.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { examples, gallery } from '../../examples/gallery.tsx'
import { launch, serveFetch, type Served } from './harness.ts'

let browser: Browser
let served: Served
let context: BrowserContext
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch(gallery.fetch)
  context = await browser.newContext({ javaScriptEnabled: false })
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await served?.close()
})

it('the index links every example', async () => {
  const page = await context.newPage()
  await page.goto(served.url + '/')
  const links = await page.$$eval('#examples a', (as) => as.map((a) => a.getAttribute('href')))
  expect(links).toEqual(examples.map(([slug]) => `/${slug}/`))
  await page.close()
})

it.each(examples.map(([slug]) => slug))(
  '%s: reached by its link; its form posts its page again',
  async (slug) => {
    const page = await context.newPage()
    const failed: string[] = []
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`))
    await page.goto(served.url + '/')
    await Promise.all([page.waitForNavigation(), page.click(`#examples a[href="/${slug}/"]`)])
    expect(new URL(page.url()).pathname).toBe(`/${slug}/`)
    // Every field hyperdash renders belongs to the hyperdash form of its root (none orphaned, none
    // taken by a form of the layout).
    const orphans = await page.$$eval('[name^="hd:"]', (els) =>
      els
        .filter((el) => !(el as HTMLInputElement).form?.classList.contains('hd-form'))
        .map((el) => el.outerHTML.slice(0, 80))
    )
    expect(orphans).toEqual([])
    // The Update button of the root shown (a streamed page ends with the finished one).
    const update = page.locator('.hd-form-submit >> visible=true')
    expect(await update.count()).toBe(1)
    const [res] = await Promise.all([page.waitForNavigation(), update.click()])
    expect(res?.status()).toBe(200)
    expect(await page.locator('.hd-app >> visible=true').count()).toBe(1)
    expect(failed).toEqual([])
    await page.close()
  }
)
