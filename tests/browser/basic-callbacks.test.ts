/**
 * Dash's three "Basic Callbacks" apps in Chromium (examples/basic-*.tsx), driven as a user would,
 * with the mouse and with the keyboard; plus RadioItems' own keyboard behaviour and an
 * accessibility check (axe-core) of the page with dropdowns and radios.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './axe.ts'
import { countUpdates, settled, useApp } from './harness.ts'

const waitText = (page: Page, id: string, want: string) =>
  page.waitForFunction(([id, want]) => document.getElementById(id!)?.textContent === want, [id, want])
const cell = (page: Page, row: number, col: number) =>
  page.textContent(`#indicator-graphic tbody tr:nth-child(${row}) td:nth-of-type(${col})`)

describe('multiple inputs', () => {
  const app = useApp(async () => (await import('../../examples/basic-multiple-inputs.tsx')).app)

  it('dropdowns, radios and the slider each update the table, in one request each', async () => {
    const { page, errors } = await app.open()
    await page.waitForFunction(() => document.documentElement.classList.contains('hd-dropdown-js'))
    expect(await cell(page, 1, 1)).toBe('1.6')
    const updates = countUpdates(page)
    // Mouse: pick GDP for the x axis.
    await page.click('#xaxis-column .hd-dropdown-control')
    await page.click('#xaxis-column [role=option][data-value="GDP per capita (current US$)"]')
    await page.waitForFunction(() =>
      document.querySelector('#indicator-graphic thead')?.textContent?.includes('GDP')
    )
    expect(await cell(page, 1, 1)).toBe('36,300')
    // Keyboard: type to filter the y axis, Enter.
    await page.focus('#yaxis-column [role=combobox]')
    await page.keyboard.type('popul')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() =>
      document.querySelector('#indicator-graphic thead')?.textContent?.includes('Population')
    )
    expect(await cell(page, 1, 2)).toBe('33,400,000')
    // Radio: log scale for x.
    await page.check('#xaxis-type input[value="Log"]')
    await page.waitForFunction(() =>
      document.querySelector('#indicator-graphic thead')?.textContent?.includes('log₁₀ GDP')
    )
    expect(await cell(page, 1, 1)).toBe('4.560')
    // Slider: Home goes to 1952.
    await page.focus('#year--slider input[type=range]')
    await page.keyboard.press('Home')
    await page.waitForFunction(() =>
      document.querySelector('#indicator-graphic caption')?.textContent?.endsWith('1952')
    )
    expect(await cell(page, 1, 1)).toBe('4.057')
    expect(await cell(page, 1, 2)).toBe('14,800,000')
    await settled(page)
    expect(updates.n).toBe(4)
    expect(errors).toEqual([])
  })

  it('passes axe-core: names and roles of the combobox, listbox and radios', async () => {
    const { page, errors } = await app.open()
    await page.waitForFunction(() => document.documentElement.classList.contains('hd-dropdown-js'))
    await page.click('#xaxis-column .hd-dropdown-control')
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })
})

describe('chained radios', () => {
  const app = useApp(async () => (await import('../../examples/basic-chained.tsx')).app)

  it('a country → its cities, the first checked, and the sentence; then a city', async () => {
    const { page, errors } = await app.open()
    expect(await page.textContent('#display-selected-values')).toBe('New York City is a city in America')
    const updates = countUpdates(page)
    await page.click('#countries-radio label:has-text("Canada")')
    await waitText(page, 'display-selected-values', 'Montréal is a city in Canada')
    expect(await page.$$eval('#cities-radio label', (l) => l.map((e) => e.textContent))).toEqual([
      'Montréal',
      'Toronto',
      'Ottawa',
    ])
    expect(await page.isChecked('#cities-radio input[value="Montréal"]')).toBe(true)
    await settled(page)
    expect(updates.n).toBe(1)
    // Keyboard: the arrow keys move the checked radio inside the group.
    await page.focus('#cities-radio input[value="Montréal"]')
    await page.keyboard.press('ArrowDown')
    await waitText(page, 'display-selected-values', 'Toronto is a city in Canada')
    await page.focus('#countries-radio input:checked')
    await page.keyboard.press('ArrowUp')
    await waitText(page, 'display-selected-values', 'New York City is a city in America')
    expect(await page.isChecked('#cities-radio input[value="New York City"]')).toBe(true)
    expect(await page.getAttribute('#cities-radio', 'role')).toBe('radiogroup')
    expect(errors).toEqual([])
  })
})

describe('state', () => {
  const app = useApp(async () => (await import('../../examples/basic-state.tsx')).app)

  it('typing sends nothing; Submit sends both inputs', async () => {
    const { page, errors } = await app.open()
    const initial = 'The Button has been pressed 0 times, Input 1 is "Montréal", and Input 2 is "Canada"'
    expect(await page.textContent('#output-state')).toBe(initial)
    const updates = countUpdates(page)
    await page.fill('#input-1-state', 'Paris')
    await page.fill('#input-2-state', 'France')
    await settled(page)
    expect(updates.n).toBe(0)
    expect(await page.textContent('#output-state')).toBe(initial)
    await page.click('#submit-button-state')
    await waitText(
      page,
      'output-state',
      'The Button has been pressed 1 times, Input 1 is "Paris", and Input 2 is "France"'
    )
    await page.focus('#submit-button-state')
    await page.keyboard.press('Enter')
    await waitText(
      page,
      'output-state',
      'The Button has been pressed 2 times, Input 1 is "Paris", and Input 2 is "France"'
    )
    expect(errors).toEqual([])
  })
})
