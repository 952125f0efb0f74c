/**
 * @module fibonacci.test
 * A Fibonacci-style chain (`{ i: MATCH }` ← `{ i: ALLSMALLER }`) in Chromium: every call of one wave
 * reads what the calls before it wrote (R14 on resolved ids), items added and removed.
 */
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('./fixtures/fibonacci-app.tsx')).app)

const values = (page: Page) => page.$$eval('#list .fib', (els) => els.map((e) => e.textContent))
const count = async (page: Page, n: number) => {
  await page.waitForFunction((n) => document.querySelectorAll('#list .fib').length === n, n)
  await settled(page)
}

it('computes each item from the ones before it, as items are added and removed', async () => {
  const { page, errors } = await app.open()
  expect(await values(page)).toEqual(['1', '1', '2'])
  expect(await page.getAttribute('#list .fib', 'id')).toBe('{"i":0}')
  await page.click('#add')
  await count(page, 4)
  expect(await values(page)).toEqual(['1', '1', '2', '3'])
  await page.click('#add')
  await count(page, 5)
  expect(await values(page)).toEqual(['1', '1', '2', '3', '5'])
  await page.click('#remove')
  await page.click('#remove')
  await count(page, 3)
  expect(await values(page)).toEqual(['1', '1', '2'])
  await page.click('#add')
  await count(page, 4)
  await page.fill('#seed', '2')
  await page.press('#seed', 'Enter')
  await page.waitForFunction(() => document.querySelector('#list .fib')?.textContent === '2')
  await settled(page)
  expect(await values(page)).toEqual(['2', '2', '4', '6'])
  expect(errors).toEqual([])
})
