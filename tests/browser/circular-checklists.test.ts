import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/circular-checklists.tsx')).app)

const checked = (page: Page, id: string) =>
  page.$$eval(`#${id} input[type=checkbox]`, (boxes) =>
    boxes.filter((b) => (b as HTMLInputElement).checked).map((b) => (b as HTMLInputElement).value)
  )

it('renders one labelled checkbox per option', async () => {
  const { page } = await app.open()
  expect(await page.$$eval('#city-checklist label', (ls) => ls.map((l) => l.textContent))).toEqual([
    'New York City',
    'Montréal',
    'San Francisco',
  ])
  expect(await page.$$eval('#city-checklist label > input[type=checkbox]', (b) => b.length)).toBe(3)
})

it('checks every city with "All", and "All" when every city is checked', async () => {
  const { page, errors } = await app.open()
  await page.check('#all-checklist input[value="All"]')
  await page.waitForFunction(() => document.querySelectorAll('#city-checklist input:checked').length === 3)
  await settled(page)
  expect(await checked(page, 'city-checklist')).toEqual(['New York City', 'Montréal', 'San Francisco'])

  await page.uncheck('#city-checklist input[value="Montréal"]')
  await page.waitForFunction(() => document.querySelectorAll('#all-checklist input:checked').length === 0)
  await settled(page)
  expect(await checked(page, 'city-checklist')).toEqual(['New York City', 'San Francisco'])

  await page.check('#city-checklist input[value="Montréal"]')
  await page.waitForFunction(() => document.querySelectorAll('#all-checklist input:checked').length === 1)
  await settled(page)
  expect(await checked(page, 'all-checklist')).toEqual(['All'])

  await page.uncheck('#all-checklist input[value="All"]')
  await page.waitForFunction(() => document.querySelectorAll('#city-checklist input:checked').length === 0)
  expect(errors).toEqual([])
})
