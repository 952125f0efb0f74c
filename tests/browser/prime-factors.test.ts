import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/prime-factors.tsx')).app)

it('shows the factors of a composite number, and an error that keeps the last result for a prime', async () => {
  const { page, errors } = await app.open()
  const updates = countUpdates(page)
  expect(await page.textContent('#out')).toBe('')
  expect(await page.getAttribute('#err', 'style')).toBe('color:red')
  // debounce: nothing is sent while typing
  await page.fill('#num', '360')
  await page.waitForTimeout(200)
  expect(updates.n).toBe(0)
  await page.press('#num', 'Enter')
  await page.waitForFunction(() => document.getElementById('out')!.textContent !== '')
  expect(await page.textContent('#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  expect(await page.textContent('#err')).toBe('')
  await page.fill('#num', '997')
  await page.press('#num', 'Enter')
  await page.waitForFunction(() => document.getElementById('err')!.textContent !== '')
  expect(await page.textContent('#err')).toBe('997 is prime!')
  expect(await page.textContent('#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  // empty: noUpdate for both outputs
  await page.fill('#num', '')
  await page.press('#num', 'Enter')
  await settled(page)
  expect(await page.textContent('#err')).toBe('997 is prime!')
  expect(await page.textContent('#out')).toBe('360 is 2 * 2 * 2 * 3 * 3 * 5')
  expect(await page.inputValue('#num')).toBe('')
  expect(errors).toEqual([])
})
