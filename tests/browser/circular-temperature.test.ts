import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/circular-temperature.tsx')).app)

it('converts both ways and keeps what the user types', async () => {
  const { page, errors } = await app.open()
  expect(await page.inputValue('#celsius')).toBe('0')
  expect(await page.inputValue('#fahrenheit')).toBe('32')
  await page.fill('#celsius', '')
  await page.type('#celsius', '100', { delay: 40 })
  await page.waitForFunction(
    () => (document.getElementById('fahrenheit') as HTMLInputElement).value === '212'
  )
  await settled(page)
  expect(await page.inputValue('#celsius')).toBe('100')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('celsius')

  await page.fill('#fahrenheit', '')
  await page.type('#fahrenheit', '-40', { delay: 40 })
  await page.waitForFunction(() => (document.getElementById('celsius') as HTMLInputElement).value === '-40')
  await settled(page)
  expect(await page.inputValue('#fahrenheit')).toBe('-40')

  // emptying one empties the other (None in the seed)
  await page.fill('#fahrenheit', '')
  await page.waitForFunction(() => (document.getElementById('celsius') as HTMLInputElement).value === '')
  expect(errors).toEqual([])
})
