import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/circular-slider.tsx')).app)

const slider = '#slider-circular input[type=range]'

it('renders a native range with marks 0..20 and the value 3 in both', async () => {
  const { page, errors } = await app.open()
  expect(await page.inputValue(slider)).toBe('3')
  expect(await page.getAttribute(slider, 'min')).toBe('0')
  expect(await page.getAttribute(slider, 'max')).toBe('20')
  expect(await page.$$eval('#slider-circular .hd-slider-mark', (m) => m.map((x) => x.textContent))).toEqual(
    Array.from({ length: 21 }, (_, i) => String(i))
  )
  expect(await page.inputValue('#input-circular')).toBe('3')
  expect(errors).toEqual([])
})

it('moves the input with the slider, and the slider with the input', async () => {
  const { page, errors } = await app.open()
  await page.focus(slider)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.waitForFunction(
    () => (document.getElementById('input-circular') as HTMLInputElement).value === '5'
  )
  await settled(page)
  expect(await page.inputValue(slider)).toBe('5')

  await page.fill('#input-circular', '')
  await page.type('#input-circular', '17', { delay: 40 })
  await page.waitForFunction(
    () => (document.querySelector('#slider-circular input[type=range]') as HTMLInputElement).value === '17'
  )
  await settled(page)
  expect(await page.inputValue('#input-circular')).toBe('17')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('input-circular')
  expect(errors).toEqual([])
})
