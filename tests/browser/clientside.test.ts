/**
 * @module clientside.test
 * Client-side callbacks in Chromium (R45, examples/clientside.tsx): the conversion runs in the page
 * with no request (its initial call too), feeds the server callback, and the CSP stays strict.
 */
import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/clientside.tsx')).app)

it('runs the initial call in the browser, then the server callback it feeds', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.getElementById('advice')!.textContent !== '')
  expect(await page.inputValue('#fahrenheit')).toBe('68')
  expect(await page.textContent('#advice')).toBe('68 °F: mild.')
  await settled(page)
  expect(errors).toEqual([])
})

it('converts as the user types, with no request for the conversion, one for the advice', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.getElementById('advice')!.textContent !== '')
  await settled(page)
  const updates = countUpdates(page)
  await page.fill('#celsius', '35')
  await page.waitForFunction(() => document.getElementById('advice')!.textContent!.startsWith('95'))
  expect(await page.inputValue('#fahrenheit')).toBe('95')
  expect(await page.textContent('#advice')).toBe('95 °F: hot, stay in the shade.')
  await settled(page)
  // fill() sets the value in one input event: one conversion, one request for the advice.
  expect(updates.n).toBe(1)
  // Emptying °C leaves °F as it is (noUpdate): no request.
  await page.fill('#celsius', '')
  await settled(page)
  expect(await page.inputValue('#fahrenheit')).toBe('95')
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})
