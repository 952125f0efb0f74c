/**
 * Seed, "As an Indirect Result of User Interaction" (R14): the third callback waits for the slow one
 * and then runs once, with both fresh inputs; the fast one is not held back.
 */
import { expect, it } from 'vitest'
import { changes, countUpdates, recordChanges, settled, useApp } from './harness.ts'

const SLOW_MS = 1500
const app = useApp(async () => {
  process.env['SLOW_MS'] = String(SLOW_MS)
  return (await import('../../examples/chained-callbacks.tsx')).app
})
const ids = ['first_output_3', 'second_output_3', 'third_output_3']

it('first page: the fast initial calls are in the root; the slow one, past the budget, follows in the same response', async () => {
  const html = await (await fetch(app.url() + '/')).text()
  const root = html.slice(0, html.indexOf('<template hd-late'))
  expect(root).toMatch(/id="first_output_3"[^>]*>in the fast callback it is /)
  expect(root).toMatch(/id="second_output_3"[^>]*>callback not executed</)
  expect(root).toMatch(/id="third_output_3"[^>]*>callback not executed</)
  expect(html).not.toContain('hd-meta')
  const late = html.slice(html.indexOf('<template hd-late'), html.indexOf('<noscript>'))
  expect(late).toMatch(/<template id="second_output_3"[^>]*>in the slow callback it is [^<]*<\/template>/)
  expect(late).toMatch(/<template id="third_output_3"[^>]*>in the third callback it is [^<]*<\/template>/)

  // In the browser: the page ends complete, and it sent no update request to get there.
  const { page, errors } = await app.open()
  expect(await page.textContent('#second_output_3')).toMatch(/^in the slow callback it is /)
  expect(await page.textContent('#third_output_3')).toMatch(/^in the third callback it is /)
  const updates = await page.evaluate(
    () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/_hd/update')).length
  )
  expect(updates).toBe(0)
  expect(errors).toEqual([])
})

it('slow then fast: fast lands at once, third waits for slow and runs once with both fresh inputs', async () => {
  const { page, errors } = await app.open()
  await settled(page)
  await recordChanges(page, ids)
  await page.click('#button_4')
  await page.waitForTimeout(100)
  await page.click('#button_3')
  await page.waitForFunction(
    () =>
      document.getElementById('third_output_3')!.textContent!.startsWith('in the third') &&
      (window as unknown as { __changes: { id: string }[] }).__changes.some((c) => c.id === 'third_output_3')
  )
  await settled(page, 300)
  const log = await changes(page)
  const first = log.filter((c) => c.id === 'first_output_3')
  const second = log.filter((c) => c.id === 'second_output_3')
  const third = log.filter((c) => c.id === 'third_output_3')
  expect(first).toHaveLength(1)
  expect(second).toHaveLength(1)
  expect(third).toHaveLength(1)
  // the fast output did not wait for the slow callback
  expect(first[0]!.t).toBeLessThan(second[0]!.t)
  // the third ran after the slow one finished, never from stale inputs
  expect(third[0]!.t).toBeGreaterThanOrEqual(second[0]!.t)
  const stamp = (s: string) => s.replace(/^in the \w+ callback it is /, '')
  expect(stamp(third[0]!.text) >= stamp(second[0]!.text)).toBe(true)
  expect(errors).toEqual([])
})

it('fast alone does not wait: the third runs in the same request as the fast one', async () => {
  const { page, errors } = await app.open()
  await settled(page)
  const updates = countUpdates(page)
  await recordChanges(page, ids)
  await page.click('#button_3')
  await page.waitForFunction(
    () => (window as unknown as { __changes: { id: string }[] }).__changes.length === 2
  )
  await settled(page)
  expect((await changes(page)).map((c) => c.id)).toEqual(['first_output_3', 'third_output_3'])
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})
