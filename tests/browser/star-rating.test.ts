import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/star-rating.tsx')).app)

it('loads the reader module the component names, from the app, under the CSP', async () => {
  const { page, errors } = await app.open()
  // with the built-in components' own modules (dcc.Slider's, the date pickers'), each once
  const modules = await page.$$eval('script[type=module]', (s) => s.map((e) => e.getAttribute('src')))
  expect(modules).toContainEqual(
    expect.stringMatching(/^\/_hd\/components\/StarRating\/star-rating\.js\?v=[\w-]{12}$/)
  )
  expect(new Set(modules).size).toBe(modules.length)
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { hyperdash: { readers: Record<string, unknown> } }).hyperdash.readers[
        'star-rating'
      ] === 'function'
  )
  expect(await page.textContent('#said')).toBe('Not rated yet')
  expect(errors).toEqual([])
})

it('a click on the 4th star → the callback output shows 4, in one request', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(
    () =>
      typeof (window as unknown as { hyperdash: { readers: Record<string, unknown> } }).hyperdash.readers[
        'star-rating'
      ] === 'function'
  )
  const updates = countUpdates(page)
  await page.click('#rating [data-star="4"]')
  await page.waitForFunction(() => document.getElementById('said')?.textContent?.endsWith(': 4'))
  await settled(page)
  expect(await page.textContent('#said')).toBe('You gave 4 stars: 4')
  expect(updates.n).toBe(1)
  expect(await page.$$eval('#rating [aria-pressed=true]', (b) => b.length)).toBe(4)
  await page.click('#rating [data-star="1"]')
  await page.waitForFunction(() => document.getElementById('said')?.textContent === 'You gave 1 star: 1')
  expect(errors).toEqual([])
})
