/**
 * @module todo.test
 * examples/todo.tsx in Chromium, as Dash's test_cbwc001: items inserted with dict ids, MATCH styles,
 * ALLSMALLER counts, ALL totals, and the totals following removed items (R22).
 */
import { expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/todo.tsx')).app)

const sel = (id: Record<string, string | number>) =>
  `[id="${JSON.stringify(Object.fromEntries(Object.entries(id).sort())).replace(/"/g, '\\"')}"]`
const text = (page: Page, s: string) => page.textContent(s)
const totals = (page: Page) => text(page, '#totals')

async function add(page: Page, item: string, n: number) {
  await page.fill('#new-item', item)
  await page.click('#add')
  await page.waitForFunction(
    (n) => document.querySelectorAll('#list-container .hd-checklist').length === n,
    n
  )
  await settled(page)
}

async function check(page: Page, i: number) {
  await page.click(`${sel({ type: 'done', index: i })} input`)
  await settled(page)
}

it('adds, checks and clears items: MATCH, ALLSMALLER and ALL callbacks, removals included', async () => {
  const { page, errors } = await app.open()
  expect(await totals(page)).toBe('0 of 0 items completed')
  for (const [i, item] of ['apples', 'bananas', 'cherries', 'dates'].entries()) await add(page, item, i + 1)
  expect(await totals(page)).toBe('0 of 4 items completed - 0%')
  // The DOM id of a dict id is Dash's JSON: sorted keys, no spaces.
  expect(await page.getAttribute('#list-container .hd-checklist', 'id')).toBe('{"index":0,"type":"done"}')
  expect(await text(page, sel({ type: 'item', index: 2 }))).toBe('cherries')
  expect(
    await Promise.all([0, 1, 2, 3].map((i) => text(page, sel({ type: 'preceding', index: i }))))
  ).toEqual([
    '0 of 0 preceding items are done DO THIS NEXT!',
    '0 of 1 preceding items are done',
    '0 of 2 preceding items are done',
    '0 of 3 preceding items are done',
  ])
  expect(await page.inputValue('#new-item')).toBe('')

  await check(page, 2)
  expect(await totals(page)).toBe('1 of 4 items completed - 25%')
  expect(await page.getAttribute(sel({ type: 'item', index: 2 }), 'style')).toContain('line-through')
  expect(await text(page, sel({ type: 'preceding', index: 2 }))).toBe('')
  expect(await text(page, sel({ type: 'preceding', index: 3 }))).toBe('1 of 3 preceding items are done')

  await check(page, 0)
  expect(await totals(page)).toBe('2 of 4 items completed - 50%')
  expect(await text(page, sel({ type: 'preceding', index: 1 }))).toBe(
    '1 of 1 preceding items are done DO THIS NEXT!'
  )

  await page.click('#clear-done')
  await page.waitForFunction(() => document.querySelectorAll('#list-container .hd-checklist').length === 2)
  await settled(page)
  expect(await totals(page)).toBe('0 of 2 items completed - 0%')
  expect(await text(page, sel({ type: 'item', index: 0 }))).toBe('bananas')
  expect(await text(page, sel({ type: 'item', index: 1 }))).toBe('dates')

  await check(page, 0)
  await check(page, 1)
  expect(await totals(page)).toBe('2 of 2 items completed - 100%')
  await page.click('#clear-done')
  await page.waitForFunction(() => document.querySelectorAll('#list-container .hd-checklist').length === 0)
  await settled(page)
  // Fired by the removal alone (R22): no done value is left to change.
  expect(await totals(page)).toBe('0 of 0 items completed')
  expect(errors).toEqual([])
})
