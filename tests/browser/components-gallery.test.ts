/**
 * examples/components.tsx: every built-in component on one page, each wired to a callback. The page
 * passes axe-core (WCAG 2.1 A/AA) with every component on it, and a user action on each kind of
 * control reaches its callback.
 */
import { expect, it } from 'vitest'
import { axeViolations } from './axe.ts'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/components.tsx')).app)

const out = (id: string) => `#${id}-out`

it('renders every component with its first value echoed, and passes axe-core', async () => {
  const { page, errors } = await app.open()
  await settled(page)
  expect(await page.textContent(out('input'))).toBe('"hello"')
  expect(await page.textContent(out('dropdown'))).toBe('"Montréal"')
  expect(await page.textContent(out('multi'))).toBe('["Montréal"]')
  expect(await page.textContent(out('radio'))).toBe('"New York City"')
  expect(await page.textContent(out('range'))).toBe('[20,80]')
  expect(await page.textContent(out('dates'))).toBe('"2026-12-01" to "2026-12-24"')
  expect(await page.textContent(out('tabs'))).toBe('"one"')
  expect(await axeViolations(page)).toEqual([])
  expect(errors).toEqual([])
  await page.close()
})

it('each control reaches its callback: typing, picking, checking, tabbing, a link click', async () => {
  const { page, errors } = await app.open()
  await settled(page)
  await page.fill('#input', 'bold move')
  await page.waitForFunction(() => document.querySelector('#markdown strong')?.textContent === 'bold move')
  expect(await page.textContent(out('input'))).toBe('"bold move"')

  await page.click('#radio input[value="San Francisco"]')
  await page.waitForFunction(() => document.querySelector('#radio-out')!.textContent === '"San Francisco"')

  await page.click('#checklist input[value="Montréal"]')
  await page.waitForFunction(() => document.querySelector('#checklist-out')!.textContent === '["Montréal"]')

  await page.click('#tabs [role="tab"]:nth-child(2)')
  await page.waitForFunction(() => document.querySelector('#tabs-out')!.textContent === '"two"')

  await page.click('#link')
  await page.waitForFunction(
    () => document.querySelector('#link-out')!.textContent === 'location.search is "?page=2"'
  )
  expect(new URL(page.url()).search).toBe('?page=2')
  expect(errors).toEqual([])
  await page.close()
})
