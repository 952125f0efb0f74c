/**
 * @module form-controls.test
 * examples/form-controls.tsx in Chromium: typing in a textarea, a number with constraints (an
 * invalid number reaches the callback as None, as in Dash), Enter and blur counters, dates picked
 * by keyboard and by fill (disabled days and an end before the start are not sent), a range slider's
 * two labelled thumbs moved by keyboard, a slider that snaps to its marks, and axe-core on the page.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/form-controls.tsx')).app)

/** Waits until line `n` of #form-output reads `line`. */
async function line(page: Page, n: number, want: string) {
  await page.waitForFunction(
    ([n, want]) => document.getElementById('form-output')?.textContent?.split('\n')[Number(n)] === want,
    [n, want] as const
  )
}

/** Waits for the page's component modules (the readers they register). */
async function ready(page: Page) {
  await page.waitForFunction(() => {
    const r = (window as unknown as { hyperdash?: { readers?: Record<string, unknown> } }).hyperdash?.readers
    return typeof r?.['range-slider'] === 'function' && typeof r?.['date-range'] === 'function'
  })
}

it('echoes the text typed in the textarea, once the typing pauses', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const updates = countUpdates(page)
  await page.type('#notes', 'hello\nworld', { delay: 20 })
  await page.waitForFunction(() => document.getElementById('form-output')?.textContent?.includes('world'))
  await settled(page)
  expect(await page.textContent('#form-output')).toContain('notes: hello\nworld\n')
  expect(updates.n).toBeLessThan(11)
  expect(errors).toEqual([])
})

it('number input: Enter sends the value and n_submit; a value outside min/step arrives as None; blur counts', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  await page.fill('#qty', '3')
  await page.press('#qty', 'Enter')
  await line(page, 3, 'qty: 3')
  await page.waitForFunction(
    () => document.getElementById('qty-events')?.textContent === 'n_submit: 1, n_blur: 0'
  )
  await page.fill('#qty', '-5')
  await page.press('#qty', 'Enter')
  await line(page, 3, 'qty: None')
  await page.fill('#qty', '4')
  await page.press('#qty', 'Enter')
  await line(page, 3, 'qty: 4')
  await page.fill('#qty', '1.5')
  await page.press('#qty', 'Enter')
  await line(page, 3, 'qty: None')
  await page.fill('#qty', '7')
  await page.keyboard.press('Tab') // blur: the value (debounce) and n_blur, in one request
  await line(page, 3, 'qty: 7')
  await page.waitForFunction(
    () => document.getElementById('qty-events')?.textContent === 'n_submit: 4, n_blur: 1'
  )
  await settled(page)
  expect(await page.textContent('#qty-events')).toBe('n_submit: 4, n_blur: 1')
  expect(errors.filter((e) => !e.includes('422'))).toEqual([])
  expect(errors).toEqual([])
})

it('date picker: typed on the keyboard, filled, a disabled day refused and put back, cleared', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const input = '#when input[type=date]'
  // keyboard: month, day, year segments (en-US order); a year still being typed is not sent
  await page.focus(input)
  await page.keyboard.type('06152024', { delay: 30 })
  await line(page, 1, 'when: 2024-06-15')
  await page.fill(input, '2024-07-01')
  await line(page, 1, 'when: 2024-07-01')
  const updates = countUpdates(page)
  await page.fill(input, '2024-05-04')
  expect(await page.textContent('#when .hd-datepicker-msg')).toBe('2024-05-04 is not available.')
  expect(await page.getAttribute(input, 'aria-invalid')).toBe('true')
  await page.click('h1') // leaves the input (Tab would move to its next segment)
  expect(await page.inputValue(input)).toBe('2024-07-01')
  await page.fill(input, '2025-01-01')
  expect(await page.textContent('#when .hd-datepicker-msg')).toBe('Pick a date on or before 2024-12-31.')
  await settled(page)
  expect(updates.n).toBe(0)
  await page.click('#when .hd-datepicker-clear')
  await line(page, 1, 'when: None')
  expect(await page.inputValue(input)).toBe('')
  expect(errors).toEqual([])
})

it('date range: an end before the start is not sent; a later end is', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const end = '#period input[data-part=end]'
  expect(await page.getAttribute(end, 'min')).toBe('2024-05-01')
  await page.fill(end, '2024-04-01')
  expect(await page.textContent('#period .hd-datepicker-msg')).toBe(
    'The end date must be on or after 2024-05-01.'
  )
  await page.fill(end, '2024-05-20')
  await line(page, 2, 'period: 2024-05-01 to 2024-05-20')
  await page.fill('#period input[data-part=start]', '2024-05-10')
  await line(page, 2, 'period: 2024-05-10 to 2024-05-20')
  expect(await page.getAttribute(end, 'min')).toBe('2024-05-10')
  expect(errors).toEqual([])
})

it('range slider: two labelled thumbs moved by keyboard, never crossing (allowCross=false)', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const lower = page.getByRole('slider', { name: 'Lower bound' })
  const upper = page.getByRole('slider', { name: 'Upper bound' })
  await lower.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await line(page, 4, 'price-range: [30, 60]')
  await upper.focus()
  await page.keyboard.press('Home')
  await line(page, 4, 'price-range: [30, 30]')
  await page.keyboard.press('End')
  await line(page, 4, 'price-range: [30, 100]')
  await settled(page)
  expect(await page.getAttribute('#price-range', 'style')).toContain('--hd-lo: 30%; --hd-hi: 100%')
  expect(errors).toEqual([])
})

it('slider with step=null: keys and clicks land on marks only; the tooltip follows', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const thumb = '#snap input[type=range]'
  await page.focus(thumb)
  await page.keyboard.press('ArrowRight')
  await line(page, 5, 'snap: 100')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await line(page, 5, 'snap: 10')
  expect(await page.getAttribute(thumb, 'aria-valuetext')).toBe('a little')
  await page.keyboard.press('Home')
  await line(page, 5, 'snap: 0')
  // a click at 38% of the track: the nearest mark is 50
  const box = (await page.locator(thumb).boundingBox())!
  await page.mouse.click(box.x + 8 + (box.width - 16) * 0.38, box.y + box.height / 2)
  await line(page, 5, 'snap: 50')
  expect(await page.textContent('#snap .hd-slider-tooltip')).toBe('50')
  expect(errors).toEqual([])
})

it('passes axe-core', async () => {
  const { page, errors } = await app.open()
  await ready(page)
  const require = createRequire(import.meta.url)
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> }
      }
    ).axe
    // WCAG A and AA rules (the example's page outline, landmarks, is not what this checks)
    const only = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }
    return (await axe.run(document, only)).violations.map((v) => `${v.id} (${v.nodes.length})`)
  })
  expect(violations).toEqual([])
  expect(errors).toEqual([])
})
