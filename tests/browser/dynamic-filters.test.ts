/**
 * @module dynamic-filters.test
 * examples/dynamic-filters.tsx in Chromium: inserted filters each drive their own MATCH output (the
 * others stay), and the ALL summary follows every filter, the new ones included.
 */
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/dynamic-filters.tsx')).app)

const byId = (type: string, index: number) => `[id='{"index":${index},"type":"${type}"}']`
const output = (page: Page, i: number) => page.textContent(byId('filter-output', i))

async function addFilter(page: Page, n: number) {
  await page.click('#add-filter')
  await page.waitForFunction((n) => document.querySelectorAll('#dropdown-container .filter').length === n, n)
  await settled(page)
}

async function pick(page: Page, i: number, city: string) {
  await page.selectOption(`${byId('filter-dropdown', i)} select`, city)
  await settled(page)
}

it('adds filters, each with its own MATCH output, and an ALL summary of them all', async () => {
  const { page, errors } = await app.open()
  expect(await page.textContent('#summary')).toBe('0 filter(s), 0 with a choice: ')
  await addFilter(page, 1)
  expect(await output(page, 0)).toBe('Dropdown 0 = nothing')
  expect(await page.textContent('#summary')).toBe('1 filter(s), 0 with a choice: -')

  await pick(page, 0, 'LA')
  expect(await output(page, 0)).toBe('Dropdown 0 = LA')
  expect(await page.textContent('#summary')).toBe('1 filter(s), 1 with a choice: LA')

  await addFilter(page, 2)
  await pick(page, 1, 'MTL')
  expect(await output(page, 1)).toBe('Dropdown 1 = MTL')
  expect(await output(page, 0)).toBe('Dropdown 0 = LA')
  expect(await page.textContent('#summary')).toBe('2 filter(s), 2 with a choice: LA | MTL')

  await pick(page, 0, 'NYC')
  expect(await output(page, 0)).toBe('Dropdown 0 = NYC')
  expect(await output(page, 1)).toBe('Dropdown 1 = MTL')
  expect(await page.textContent('#summary')).toBe('2 filter(s), 2 with a choice: NYC | MTL')
  expect(errors).toEqual([])
})
