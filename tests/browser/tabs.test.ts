/**
 * dcc.Tabs in Chromium: panels toggled in the browser with `value` still reaching callbacks, the
 * keyboard alone (Tab into the list, arrows, Home/End; disabled tabs skipped), a callback setting
 * `value`, a component inside a tab, and links that work with JavaScript off.
 */
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { tabsApp } from './fixtures/components-app.tsx'
import { launch, useApp } from './harness.ts'

const app = useApp(async () => tabsApp)

const visiblePanels = (page: Page) =>
  page.$$eval('.hd-tab-panel', (ps) =>
    ps.filter((p) => getComputedStyle(p).display !== 'none').map((p) => p.id)
  )

it('by mouse: the panel switches at once, and the callback on value runs', async () => {
  const { page, errors } = await app.open()
  expect(await page.textContent('#picked')).toBe('picked b')
  expect(await visiblePanels(page)).toEqual(['tabs-panel-1'])
  await page.click('#tabs-tab-0')
  expect(await visiblePanels(page)).toEqual(['tabs-panel-0'])
  await page.waitForFunction(() => document.getElementById('picked')?.textContent === 'picked a')
  // A disabled tab does nothing.
  await page.click('#tabs-tab-2', { force: true })
  expect(await page.getAttribute('#tabs', 'data-value')).toBe('a')
  expect(errors).toEqual([])
})

it('by keyboard only: Tab reaches the selected tab, arrows/Home/End select, disabled skipped', async () => {
  const { page, errors } = await app.open()
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-tab-1')
  await page.keyboard.press('ArrowRight') // skips the disabled "Off"
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-tab-3')
  await page.waitForFunction(() => document.getElementById('picked')?.textContent === 'picked c')
  expect(await visiblePanels(page)).toEqual(['tabs-panel-3'])
  await page.keyboard.press('ArrowRight') // wraps to the first
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-tab-0')
  await page.keyboard.press('End')
  await page.keyboard.press('Home')
  await page.waitForFunction(() => document.getElementById('picked')?.textContent === 'picked a')
  expect(
    await page.$$eval('#tabs [role=tab]', (ts) =>
      ts.map((t) => [t.getAttribute('aria-selected'), t.tabIndex])
    )
  ).toEqual([
    ['true', 0],
    ['false', -1],
    ['false', -1],
    ['false', -1],
  ])
  // Tab leaves the tab list for the panel.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tabs-panel-0')
  expect(errors).toEqual([])
})

it('a callback setting value selects the tab; components inside a tab take part in callbacks', async () => {
  const { page, errors } = await app.open()
  await page.click('#tabs-tab-3')
  await page.fill('#inside', 'hello')
  await page.waitForFunction(() => document.getElementById('echo')?.textContent === 'echo hello')
  await page.click('#go-a')
  await page.waitForFunction(() => document.getElementById('tabs')?.getAttribute('data-value') === 'a')
  await page.waitForFunction(() => document.getElementById('picked')?.textContent === 'picked a')
  expect(await visiblePanels(page)).toEqual(['tabs-panel-0'])
  expect(await page.getAttribute('#tabs-tab-0', 'aria-selected')).toBe('true')
  expect(errors).toEqual([])
})

it('without JavaScript: each tab is a link the server honours', async () => {
  const browser = await launch()
  try {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(app.url())
    expect(await visiblePanels(page)).toEqual(['tabs-panel-1'])
    await page.click('#tabs-tab-3')
    await page.waitForURL(/\?tabs=c$/)
    expect(await visiblePanels(page)).toEqual(['tabs-panel-3'])
    expect(await page.textContent('#picked')).toBe('picked c')
    expect(await page.getAttribute('#tabs-tab-3', 'aria-selected')).toBe('true')
    // A value that is no enabled tab is ignored.
    await page.goto(`${app.url()}/?tabs=off`)
    expect(await page.textContent('#picked')).toBe('picked b')
  } finally {
    await browser.close()
  }
})
