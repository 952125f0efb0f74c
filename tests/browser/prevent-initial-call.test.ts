/**
 * Seed, prevent_initial_call: nothing on load; one click fills outputs 1 and 2 at once, 3 about 2 s
 * later and 4 about 2 s after that, each once, all from one request whose outputs stream in.
 */
import { expect, it } from 'vitest'
import { changes, countUpdates, recordChanges, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/prevent-initial-call.tsx')).app)
const ids = ['first_output_2', 'second_output_2', 'third_output_2', 'fourth_output_2']

it('runs nothing on load', async () => {
  const { page } = await app.open()
  for (const id of ids) expect(await page.textContent(`#${id}`)).toBe('callback not executed')
})

it('streams the chain of one click: 1 and 2 at once, then 3, then 4, each once, one request', async () => {
  const { page, errors } = await app.open()
  const updates = countUpdates(page)
  await recordChanges(page, ids)
  const t0 = Date.now()
  await page.click('#button_2')
  // busy from the click until it updates (issue 4: loading state that knows the graph)
  await page.waitForFunction(
    () => document.getElementById('fourth_output_2')!.getAttribute('aria-busy') === 'true'
  )
  expect(await page.getAttribute('#fourth_output_2', 'class')).toBe('hd-busy')
  await page.waitForFunction(
    () => document.getElementById('fourth_output_2')!.textContent !== 'callback not executed',
    null,
    {
      timeout: 10_000,
    }
  )
  const wall = Date.now() - t0
  await settled(page)
  const log = await changes(page)
  expect(log.map((c) => c.id)).toEqual(ids)
  const at = Object.fromEntries(log.map((c) => [c.id, c.t]))
  // 1 and 2 arrive together, well before 3; 3 well before 4 (each callback sleeps 2 s)
  expect(Math.abs(at['first_output_2']! - at['second_output_2']!)).toBeLessThan(
    at['third_output_2']! - at['second_output_2']!
  )
  expect(at['third_output_2']! - at['second_output_2']!).toBeGreaterThan(1000)
  expect(at['fourth_output_2']! - at['third_output_2']!).toBeGreaterThan(1000)
  expect(wall).toBeGreaterThan(3000)
  expect(updates.n).toBe(1)
  expect(await page.getAttribute('#fourth_output_2', 'aria-busy')).toBe(null)
  expect(log.find((c) => c.id === 'first_output_2')!.text).toMatch(
    /^in the first callback it is \d\d:\d\d:\d\d$/
  )
  expect(log.find((c) => c.id === 'fourth_output_2')!.text).toMatch(/^in the third callback it is /)
  expect(errors).toEqual([])
})
