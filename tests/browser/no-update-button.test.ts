import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { app } from '../../examples/no-update-button.tsx'
import { launch, open, serveFetch, settled, type Served } from './harness.ts'

let browser: Browser
let served: Served
beforeAll(async () => {
  browser = await launch()
  served = await serveFetch(app.fetch)
})
afterAll(async () => {
  await browser?.close()
  await served?.close()
})

it('keeps the div empty on load (noUpdate) and shows the secret after a click', async () => {
  const { page, errors } = await open(browser, served.url + '/')
  expect(await page.textContent('#body-div')).toBe('')
  await page.click('#show-secret')
  await page.waitForFunction(() => document.getElementById('body-div')!.textContent !== '')
  expect(await page.textContent('#body-div')).toBe("Elephants are the only animal that can't jump")
  await settled(page)
  expect(errors).toEqual([])
})
