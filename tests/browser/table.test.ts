/**
 * DataTable in Chromium: custom paging, sorting and filtering answered by a callback (the
 * table-paging example: 100,000 rows), selection across pages, a bad filter query; native actions
 * done by the server with no callback, editing (data / data_timestamp fire), keyboard and copy.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const column = (page: Page, table: string, col: string) =>
  page.$$eval(`#${table} tbody td[data-col="${col}"]`, (tds) => tds.map((td) => td.textContent))
const pageLabel = (page: Page, table: string) => page.textContent(`#${table} .hd-table-page`)
const waitText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent === t, [selector, text])

describe('custom actions (examples/table-paging.tsx)', { timeout: 90_000 }, () => {
  const app = useApp(async () => (await import('../../examples/table-paging.tsx')).app)

  it('turns pages: one request, the next 20 rows', async () => {
    const { page, errors } = await app.open()
    expect(await pageLabel(page, 'table')).toBe('Page 1 of 5000')
    expect((await column(page, 'table', 'id')).slice(0, 3)).toEqual(['1', '2', '3'])
    const updates = countUpdates(page)
    await page.click('#table button[aria-label="Next page"]')
    await waitText(page, '#table .hd-table-page', 'Page 2 of 5000')
    await settled(page)
    expect(updates.n).toBe(1)
    expect(await column(page, 'table', 'id')).toEqual(Array.from({ length: 20 }, (_, i) => String(21 + i)))
    await page.click('#table button[aria-label="Last page"]')
    await waitText(page, '#table .hd-table-page', 'Page 5000 of 5000')
    expect((await column(page, 'table', 'id')).at(-1)).toBe('100000')
    expect(await page.isDisabled('#table button[aria-label="Next page"]')).toBe(true)
    expect(errors).toEqual([])
  })

  it('sorts by a column (ascending, then descending), marked with aria-sort', async () => {
    const { page, errors } = await app.open()
    await page.click('#table .hd-table-sort[data-col="age"]')
    await page.waitForFunction(
      () => document.querySelector('#table th[data-col="age"]')?.getAttribute('aria-sort') === 'ascending'
    )
    expect(new Set(await column(page, 'table', 'age'))).toEqual(new Set(['18']))
    await page.click('#table .hd-table-sort[data-col="age"]')
    await page.waitForFunction(
      () => document.querySelector('#table th[data-col="age"]')?.getAttribute('aria-sort') === 'descending'
    )
    expect(new Set(await column(page, 'table', 'age'))).toEqual(new Set(['87']))
    expect(errors).toEqual([])
  })

  it('filters with the column boxes (text: contains, numbers: operators), and pages the result', async () => {
    const { page, errors } = await app.open()
    await page.fill('#table .hd-table-filter input[data-col="city"]', 'Lyon')
    await page.press('#table .hd-table-filter input[data-col="city"]', 'Enter')
    await page.waitForFunction(
      () =>
        /of \d+$/.test(document.querySelector('#table .hd-table-page')!.textContent!) &&
        !document.querySelector('#table .hd-table-page')!.textContent!.endsWith('5000')
    )
    expect(new Set(await column(page, 'table', 'city'))).toEqual(new Set(['Lyon']))
    await page.fill('#table .hd-table-filter input[data-col="age"]', '>= 80')
    await page.press('#table .hd-table-filter input[data-col="age"]', 'Enter')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#table tbody td[data-col="age"]')].every(
        (td) => Number(td.textContent) >= 80
      )
    )
    await settled(page)
    expect(new Set(await column(page, 'table', 'city'))).toEqual(new Set(['Lyon']))
    // The boxes show the query the server holds.
    expect(await page.inputValue('#table .hd-table-filter input[data-col="city"]')).toBe('contains "Lyon"')
    expect(await page.inputValue('#table .hd-table-filter input[data-col="age"]')).toBe('>= 80')
    expect(await page.$$('#table .hd-table-error')).toEqual([])
    expect(errors).toEqual([])
  })

  it('a bad filter query → a clear message under the table (200, no error page)', async () => {
    const { page, errors } = await app.open()
    const statuses: number[] = []
    page.on('response', (r) => r.url().includes('/_hd/update') && statuses.push(r.status()))
    await page.fill('#table .hd-table-filter input[data-col="age"]', '> ')
    await page.press('#table .hd-table-filter input[data-col="age"]', 'Enter')
    await page.waitForSelector('#table .hd-table-error')
    expect(await page.textContent('#table .hd-table-error')).toBe(
      "Invalid filter query: Expected a value after '>' but found the end of the query."
    )
    expect(await page.getAttribute('#table .hd-table-error', 'role')).toBe('alert')
    expect(statuses).toEqual([200])
    expect(await pageLabel(page, 'table')).toBe('Page 1 of 5000')
    expect(errors).toEqual([])
  })

  it('shows the ids of the rows selected, across pages', async () => {
    const { page, errors } = await app.open()
    await page.check('#table tbody tr:nth-child(2) input[type=checkbox]')
    await waitText(page, '#selected', '2')
    await page.check('#table tbody tr:nth-child(4) input[type=checkbox]')
    await waitText(page, '#selected', '2, 4')
    await page.click('#table button[aria-label="Next page"]')
    await waitText(page, '#table .hd-table-page', 'Page 2 of 5000')
    await page.check('#table tbody tr:nth-child(1) input[type=checkbox]')
    await waitText(page, '#selected', '2, 4, 21')
    await page.click('#table button[aria-label="Previous page"]')
    await waitText(page, '#table .hd-table-page', 'Page 1 of 5000')
    expect(await page.isChecked('#table tbody tr:nth-child(2) input[type=checkbox]')).toBe(true)
    await page.uncheck('#table tbody tr:nth-child(2) input[type=checkbox]')
    await waitText(page, '#selected', '4, 21')
    expect(errors).toEqual([])
  })
})

describe('native actions, editing, keyboard (fixtures/table-app.tsx)', { timeout: 90_000 }, () => {
  const app = useApp(async () => (await import('./fixtures/table-app.tsx')).app)

  it('pages, sorts and filters on the server with no callback', async () => {
    const { page, errors } = await app.open()
    expect(await pageLabel(page, 'native')).toBe('Page 1 of 5')
    await page.click('#native button[aria-label="Next page"]')
    await waitText(page, '#native .hd-table-page', 'Page 2 of 5')
    expect(await column(page, 'native', 'pop')).toEqual(['84', '20', '57', '94', '30'])
    await page.click('#native .hd-table-sort[data-col="pop"]')
    await page.waitForFunction(
      () => document.querySelector('#native th[data-col="pop"]')?.getAttribute('aria-sort') === 'ascending'
    )
    expect(await column(page, 'native', 'pop')).toEqual(['20', '23', '30', '33', '37'])
    await page.fill('#native .hd-table-filter input[data-col="city"]', 'Oslo')
    await page.press('#native .hd-table-filter input[data-col="city"]', 'Enter')
    await waitText(page, '#native .hd-table-page', 'Page 2 of 2')
    expect(await column(page, 'native', 'city')).toEqual(['Oslo', 'Oslo', 'Oslo'])
    expect(errors).toEqual([])
  })

  it('editing a cell fires data and data_timestamp; the edit stays when the page is turned', async () => {
    const { page, errors } = await app.open()
    expect(await page.textContent('#total')).toBe('total 1079')
    expect(await page.textContent('#stamp')).toBe('not edited')
    await page.dblclick('#native tbody tr:nth-child(1) td[data-col="pop"]')
    await page.fill('#native tbody tr:nth-child(1) td[data-col="pop"] input', '1000')
    await page.press('#native tbody tr:nth-child(1) td[data-col="pop"] input', 'Enter')
    await waitText(page, '#total', 'total 2079')
    expect(await page.textContent('#stamp')).toBe('edited')
    // Keyboard edit of a second cell: Enter opens the editor.
    await page.click('#native tbody tr:nth-child(2) td[data-col="pop"]')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('0')
    await page.keyboard.press('Enter')
    await waitText(page, '#total', 'total 2042')
    await page.click('#native button[aria-label="Next page"]')
    await waitText(page, '#native .hd-table-page', 'Page 2 of 5')
    await page.click('#native button[aria-label="Previous page"]')
    await waitText(page, '#native .hd-table-page', 'Page 1 of 5')
    expect((await column(page, 'native', 'pop')).slice(0, 2)).toEqual(['1000', '0'])
    await settled(page)
    expect(await page.textContent('#total')).toBe('total 2042')
    expect(errors).toEqual([])
  })

  it('arrow keys move the active cell (an Input); Ctrl+C copies the cell or the range as TSV', async () => {
    const { page, errors } = await app.open()
    await page.evaluate(() =>
      document.addEventListener(
        'copy',
        (e) => ((window as unknown as { copied: string }).copied = e.clipboardData!.getData('text/plain'))
      )
    )
    await page.click('#native tbody tr:nth-child(1) td[data-col="city"]')
    await waitText(page, '#cell', 'r0/city')
    await page.keyboard.press('ArrowDown')
    await waitText(page, '#cell', 'r1/city')
    await page.keyboard.press('ArrowRight')
    await waitText(page, '#cell', 'r1/pop')
    await page.keyboard.press('Control+C')
    expect(await page.evaluate(() => (window as unknown as { copied: string }).copied)).toBe('37')
    await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Shift+ArrowLeft')
    await page.keyboard.press('Control+C')
    expect(await page.evaluate(() => (window as unknown as { copied: string }).copied)).toBe(
      'Oslo\t37\nLima\t74'
    )
    expect(await page.$$eval('#native td.hd-selected', (t) => t.length)).toBe(4)
    expect(errors).toEqual([])
  })
})
