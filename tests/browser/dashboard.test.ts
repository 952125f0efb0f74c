/**
 * examples/dashboard.tsx in Chromium: the interval fills the store and the live value, the tabs switch
 * the content by mouse and by keyboard, Reset empties the store, a reload keeps the session's readings.
 */
import { expect, it } from 'vitest'
import { readingFor } from '../../examples/dashboard.tsx'
import { settled, useApp } from './harness.ts'

process.env['INTERVAL_MS'] = '150'
const app = useApp(async () => (await import('../../examples/dashboard.tsx')).app)

const text = (page: import('playwright-core').Page, sel: string) => page.textContent(sel)

it('ticks: the live value and the history follow the interval, the overview counts the readings', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.querySelectorAll('#history li').length >= 3)
  const live = await text(page, '#live-value')
  expect(live).toMatch(/^#\d+: [\d.]+$/)
  const first = readingFor(1)
  expect(await page.$$eval('#history li', (l) => l.at(-1)!.textContent)).toBe(`#1: ${first.value}`)
  expect(await text(page, '#overview')).toMatch(/^\d+ readings, average [\d.]+, latest [\d.]+$/)
  expect(errors).toEqual([])
})

it('switches tabs by mouse and by keyboard only; the content follows', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.querySelectorAll('#history li').length >= 1)
  await page.click('#tabs [role=tab]:has-text("Details")')
  await page.waitForSelector('#details-table')
  expect(await page.getAttribute('#tabs-tab-1', 'aria-selected')).toBe('true')
  expect(page.url()).not.toContain('?tabs=') // the link did not navigate
  // Keyboard: focus the selected tab, Left selects Overview (automatic activation).
  await page.focus('#tabs-tab-1')
  await page.keyboard.press('ArrowLeft')
  await page.waitForSelector('#overview')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-tab-0')
  expect(await page.getAttribute('#tabs-tab-0', 'tabindex')).toBe('0')
  expect(await page.getAttribute('#tabs-tab-1', 'tabindex')).toBe('-1')
  await page.keyboard.press('End')
  await page.waitForSelector('#details-table')
  await page.keyboard.press('Home')
  await page.waitForSelector('#overview')
  expect(errors).toEqual([])
})

it('Reset empties the store; a reload keeps the session readings', async () => {
  const { page, errors } = await app.open()
  await page.waitForFunction(() => document.querySelectorAll('#history li').length >= 3)
  // Stop the clock (as a callback setting `disabled` would), then Reset: nothing left.
  await page.evaluate(() => document.getElementById('interval')!.setAttribute('data-disabled', 'true'))
  await settled(page)
  await page.click('#reset')
  await page.waitForFunction(() => document.getElementById('live-value')?.textContent?.startsWith('Reset'))
  expect(await page.$$('#history li')).toHaveLength(0)
  expect(await page.evaluate(() => sessionStorage.getItem('hyperdash:/#store'))).toBe('[]')
  // The clock again: readings start over from #1.
  await page.evaluate(() => document.getElementById('interval')!.setAttribute('data-disabled', 'false'))
  await page.waitForFunction(() => document.querySelectorAll('#history li').length >= 2)
  await page.evaluate(() => document.getElementById('interval')!.setAttribute('data-disabled', 'true'))
  await settled(page)
  const before = await page.$$eval('#history li', (l) => l.map((e) => e.textContent!))
  expect(before.at(-1)).toBe(`#1: ${readingFor(1).value}`)
  // A reload: the history comes back from sessionStorage (then the readings go on from there).
  await page.reload()
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('#history li')].map((e) => e.textContent)
    return want.every((w) => got.includes(w))
  }, before)
  expect(errors).toEqual([])
})
