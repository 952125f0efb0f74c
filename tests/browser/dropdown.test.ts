/**
 * dcc.Dropdown in Chromium: the native <select> before any script, the combobox with the mouse and
 * with the keyboard alone (filter, arrows, Enter, Escape, Backspace), multi chips, clearing, and
 * `search_value` reaching a callback that filters the options on the server.
 */
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { countUpdates, launch, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('./fixtures/dropdown-app.tsx')).dropdownApp())

/** Opens the page once the dropdown module has enhanced the page. */
async function ready() {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.documentElement.classList.contains('hd-dropdown-js'))
  return { page, errors }
}

const text = (page: Page, sel: string) => page.textContent(sel)
const waitText = (page: Page, id: string, want: string) =>
  page.waitForFunction(([id, want]) => document.getElementById(id!)?.textContent === want, [id, want])
const visibleOptions = (page: Page, id: string) =>
  page.$$eval(`#${id} [role=option]:not([hidden])`, (os) => os.map((o) => o.getAttribute('data-value')))

it('shows the combobox in place of the native select, with the value the server rendered', async () => {
  const { page, errors } = await ready()
  expect(await page.isVisible('#single select')).toBe(false)
  expect(await page.isVisible('#single [role=combobox]')).toBe(true)
  expect(await text(page, '#single .hd-dropdown-single')).toBe('Montréal')
  expect(await page.getAttribute('#single [role=combobox]', 'aria-expanded')).toBe('false')
  expect(await page.isVisible('#single [role=listbox]')).toBe(false)
  expect(await page.getAttribute('#single [role=combobox]', 'aria-labelledby')).toBe('single--label')
  // Not searchable and single: the native select stays.
  expect(await page.isVisible('#native select')).toBe(true)
  expect(await page.$('#native [role=combobox]')).toBeNull()
  expect(await text(page, '#single-out')).toBe('single: Montréal')
  expect(errors).toEqual([])
})

it('with the mouse: opens, picks an option, closes; a disabled option cannot be picked', async () => {
  const { page, errors } = await ready()
  const updates = countUpdates(page)
  await page.click('#single .hd-dropdown-control')
  expect(await page.isVisible('#single [role=listbox]')).toBe(true)
  expect(await page.getAttribute('#single [role=combobox]', 'aria-expanded')).toBe('true')
  await page.click('#single [role=option][data-value="Paris"]', { force: true })
  expect(await page.isVisible('#single [role=listbox]')).toBe(true)
  await page.click('#single [role=option][data-value="San Francisco"]')
  await waitText(page, 'single-out', 'single: San Francisco')
  expect(await page.isVisible('#single [role=listbox]')).toBe(false)
  expect(await text(page, '#single .hd-dropdown-single')).toBe('San Francisco')
  expect(await page.getAttribute('#single [data-value="San Francisco"]', 'aria-selected')).toBe('true')
  await settled(page)
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})
