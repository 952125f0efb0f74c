import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/prevent-initial-inserted.tsx')).app)

it('fires update_layout_div but not update_output when the input is inserted (R21)', async () => {
  const { page, errors } = await app.open()
  expect(await page.inputValue('#input')).toBe('hello world')
  expect(await page.textContent('#layout-div')).toBe('hello world')
  expect(await page.textContent('#output')).toBe('')
  await page.fill('#input', 'hello there')
  await page.waitForFunction(() => document.getElementById('output')!.textContent === 'hello there')
  await settled(page)
  expect(await page.textContent('#layout-div')).toBe('hello there')
  expect(errors).toEqual([])
})

it('keeps the typed text, focus and caret while typing key by key', async () => {
  const { page, errors } = await app.open()
  await page.click('#input')
  await page.keyboard.press('End')
  await page.keyboard.type('!!!', { delay: 30 })
  await page.waitForFunction(() => document.getElementById('output')!.textContent === 'hello world!!!')
  await settled(page)
  expect(await page.inputValue('#input')).toBe('hello world!!!')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('input')
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).selectionStart)).toBe(14)
  expect(await page.textContent('#layout-div')).toBe('hello world!!!')
  expect(errors).toEqual([])
})
