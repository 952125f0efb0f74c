/**
 * dcc.Dropdown in Chromium: the native <select> before any script, the combobox with the mouse and
 * with the keyboard alone (filter, arrows, Enter, Escape, Backspace), multi chips, clearing, and
 * `search_value` reaching a callback that filters the options on the server.
 */
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { axeViolations } from './axe.ts'
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

it('with the keyboard alone: type to filter, arrows, Enter, Escape, Backspace clears', async () => {
  const { page, errors } = await ready()
  await page.focus('#single [role=combobox]')
  await page.keyboard.type('fra')
  expect(await visibleOptions(page, 'single')).toEqual(['San Francisco'])
  expect(await page.getAttribute('#single [role=combobox]', 'aria-expanded')).toBe('true')
  const active = await page.getAttribute('#single [role=combobox]', 'aria-activedescendant')
  expect(await page.getAttribute(`#${active}`, 'data-value')).toBe('San Francisco')
  expect(await page.isVisible('#single .hd-dropdown-single')).toBe(false)
  await page.keyboard.press('Enter')
  await waitText(page, 'single-out', 'single: San Francisco')
  expect(await page.inputValue('#single [role=combobox]')).toBe('')
  expect(await page.getAttribute('#single [role=combobox]', 'aria-expanded')).toBe('false')
  // ArrowDown opens on the selected option; arrows move, skipping the disabled one and wrapping.
  await page.keyboard.press('ArrowDown')
  const activeValue = () =>
    page.$eval('#single [role=combobox]', (i) =>
      document.getElementById(i.getAttribute('aria-activedescendant') ?? '')?.getAttribute('data-value')
    )
  expect(await activeValue()).toBe('San Francisco')
  await page.keyboard.press('ArrowDown')
  expect(await activeValue()).toBe('New York City')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  expect(await activeValue()).toBe('Montréal')
  // Escape closes without changing the value.
  await page.keyboard.press('Escape')
  expect(await page.isVisible('#single [role=listbox]')).toBe(false)
  expect(await page.getAttribute('#single [role=combobox]', 'aria-activedescendant')).toBeNull()
  expect(await text(page, '#single-out')).toBe('single: San Francisco')
  // Typing nothing that matches: "No options found".
  await page.keyboard.type('zzz')
  expect(await visibleOptions(page, 'single')).toEqual([])
  expect(await page.isVisible('#single .hd-dropdown-empty')).toBe(true)
  await page.keyboard.press('Escape')
  expect(await page.inputValue('#single [role=combobox]')).toBe('')
  // Backspace in an empty search box clears a clearable value.
  await page.keyboard.press('Backspace')
  await waitText(page, 'single-out', 'single: null')
  expect(await page.isVisible('#single .hd-dropdown-single')).toBe(false)
  expect(await page.getAttribute('#single [role=combobox]', 'placeholder')).toBeNull()
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('single--input')
  expect(errors).toEqual([])
})

it('multi: Enter adds chips and keeps the list open, Backspace removes the last, numbers stay numbers', async () => {
  const { page, errors } = await ready()
  expect(await text(page, '#multi-out')).toBe('[1]')
  expect(
    await page.$$eval('#multi .hd-dropdown-chip', (c) => c.map((e) => e.getAttribute('data-value')))
  ).toEqual(['1'])
  await page.focus('#multi [role=combobox]')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await waitText(page, 'multi-out', '[1,2]')
  expect(await page.isVisible('#multi [role=listbox]')).toBe(true)
  expect(await page.getAttribute('#multi [role=listbox]', 'aria-multiselectable')).toBe('true')
  await page.keyboard.type('thr')
  await page.keyboard.press('Enter')
  await waitText(page, 'multi-out', '[1,2,3]')
  expect(await page.$$eval('#multi .hd-dropdown-chip-label', (c) => c.map((e) => e.textContent))).toEqual([
    'One',
    'Two',
    'Three',
  ])
  await page.keyboard.press('Escape')
  expect(await page.isVisible('#multi [role=listbox]')).toBe(false)
  await page.keyboard.press('Backspace')
  await waitText(page, 'multi-out', '[1,2]')
  // Enter on a selected option removes it.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await waitText(page, 'multi-out', '[2]')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('multi--input')
  expect(errors).toEqual([])
})

it('multi with the mouse: a chip’s remove button, then the clear button', async () => {
  const { page, errors } = await ready()
  await page.click('#multi .hd-dropdown-control')
  await page.click('#multi [role=option][data-value="3"]')
  await waitText(page, 'multi-out', '[1,3]')
  await page.click('#multi .hd-dropdown-chip[data-value="1"] .hd-dropdown-chip-remove')
  await waitText(page, 'multi-out', '[3]')
  expect(await page.getAttribute('#multi .hd-dropdown-chip-remove', 'aria-label')).toBe('Remove Three')
  await page.click('#multi .hd-dropdown-clear')
  await waitText(page, 'multi-out', '[]')
  expect(await page.isVisible('#multi .hd-dropdown-clear')).toBe(false)
  expect(await page.$$('#multi .hd-dropdown-chip')).toEqual([])
  expect(errors).toEqual([])
})

it('multi, not searchable, not clearable: a read-only box; Space, Home/End, and the last value stays', async () => {
  const { page, errors } = await ready()
  expect(await page.getAttribute('#tags [role=combobox]', 'readonly')).toBe('')
  expect(await page.getAttribute('#tags [role=combobox]', 'aria-autocomplete')).toBe('none')
  expect(await page.isVisible('#tags .hd-dropdown-clear')).toBe(false)
  await page.focus('#tags [role=combobox]')
  await page.keyboard.type('b')
  expect(await page.isVisible('#tags [role=listbox]')).toBe(false)
  await page.keyboard.press(' ')
  expect(await page.isVisible('#tags [role=listbox]')).toBe(true)
  await page.keyboard.press('End')
  await page.keyboard.press(' ')
  await waitText(page, 'tags-out', '["red","blue"]')
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  // A multi value lists the selected options in the options' order.
  await waitText(page, 'tags-out', '["red","green","blue"]')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Backspace')
  await waitText(page, 'tags-out', '["red","green"]')
  await page.keyboard.press('Backspace')
  await waitText(page, 'tags-out', '["red"]')
  const updates = countUpdates(page)
  await page.keyboard.press('Backspace')
  await settled(page)
  expect(updates.n).toBe(0)
  expect(
    await page.$$eval('#tags .hd-dropdown-chip', (c) => c.map((e) => e.getAttribute('data-value')))
  ).toEqual(['red'])
  expect(errors).toEqual([])
})

it('not searchable: the native select sends its value', async () => {
  const { page, errors } = await ready()
  await page.selectOption('#native select', 'c')
  await waitText(page, 'native-out', 'native: c')
  expect(errors).toEqual([])
})

it('search_value reaches a callback that filters the options on the server; typing and focus survive the re-render', async () => {
  const { page, errors } = await ready()
  expect(await visibleOptions(page, 'server')).toEqual(['Amsterdam', 'Berlin', 'Cincinnati'])
  await page.focus('#server [role=combobox]')
  await page.keyboard.type('san')
  await waitText(page, 'search-seen', 'searched: san')
  await settled(page)
  expect(await visibleOptions(page, 'server')).toEqual(['San Diego', 'San Francisco', 'Santiago'])
  expect(await page.inputValue('#server [role=combobox]')).toBe('san')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('server--input')
  expect(await page.getAttribute('#server [role=combobox]', 'aria-expanded')).toBe('true')
  expect(await page.isVisible('#server [role=listbox]')).toBe(true)
  await page.keyboard.type(' f')
  await waitText(page, 'search-seen', 'searched: san f')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await waitText(page, 'server-out', 'server: San Francisco')
  expect(await text(page, '#server .hd-dropdown-single')).toBe('San Francisco')
  expect(errors).toEqual([])
})

it('before any script runs (JavaScript off), the native select is the control', async () => {
  const browser = await launch()
  try {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(app.url())
    expect(await page.isVisible('#single select')).toBe(true)
    expect(await page.isVisible('#single [role=combobox]')).toBe(false)
    expect(await page.isVisible('#multi select[multiple]')).toBe(true)
    await page.selectOption('#single select', 'New York City')
    expect(await page.inputValue('#single select')).toBe('New York City')
    expect(
      await page.$eval('#multi select', (s) =>
        [...(s as HTMLSelectElement).selectedOptions].map((o) => o.text)
      )
    ).toEqual(['One'])
  } finally {
    await browser.close()
  }
})

it('passes axe-core with a list open, chips shown and a search under way', async () => {
  const { page, errors } = await ready()
  await page.focus('#multi [role=combobox]')
  await page.keyboard.press('ArrowDown')
  expect(await axeViolations(page)).toEqual([])
  await page.focus('#single [role=combobox]')
  await page.keyboard.type('zzz')
  expect(await axeViolations(page)).toEqual([])
  expect(errors).toEqual([])
})
