/**
 * @module clientside-mix.test
 * Client-side callbacks mixed with server callbacks in Chromium (R45): Dash's order across the two,
 * preventInitialCall on load, PreventUpdate halting the chain, ctx.triggered, setProps and Patch in
 * the browser.
 */
import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

let calls: string[] = []
const app = useApp(async () => {
  const m = await import('./fixtures/clientside-mix.tsx')
  calls = m.calls
  return m.app
})
const browserCalls = (page: import('playwright-core').Page) =>
  page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)

it('on load runs the client-side callback without preventInitialCall only, with no request', async () => {
  const { page, errors } = await app.open()
  const updates = countUpdates(page)
  await page.waitForFunction(() => document.getElementById('loaded')!.textContent !== '')
  await settled(page)
  expect(await page.textContent('#loaded')).toBe('loaded with seed')
  expect(await page.textContent('#typed')).toBe('not typed')
  expect(await browserCalls(page)).toEqual(['onLoad 0'])
  expect(updates.n).toBe(0)
  expect(errors).toEqual([])
})

it('client → server → client, in order, each once; PreventUpdate halts the chain', async () => {
  calls.length = 0
  const { page, errors } = await app.open()
  await settled(page)
  const updates = countUpdates(page)
  await page.click('#go')
  await page.waitForFunction(() => document.getElementById('c')!.textContent === 'c saw b saw a1')
  await settled(page)
  expect(await page.inputValue('#a')).toBe('a1')
  expect(await page.textContent('#side')).toBe('side saw b saw a1')
  expect(calls).toEqual(['second a1'])
  expect(await browserCalls(page)).toEqual(['onLoad 0', 'first go', 'third ["b.children"]'])
  expect(updates.n).toBe(1)
  await page.click('#go')
  await page.waitForFunction(() => document.getElementById('c')!.textContent === 'c saw b saw a2')
  await settled(page)
  await page.click('#go') // PreventUpdate at 3: nothing downstream, no request
  await settled(page)
  expect(await page.inputValue('#a')).toBe('a2')
  expect(calls).toEqual(['second a1', 'second a2'])
  expect(updates.n).toBe(2)
  // The user typing in #src runs the client-side callbacks reading it, preventInitialCall or not.
  await page.fill('#src', 'hello')
  await page.waitForFunction(() => document.getElementById('typed')!.textContent === 'typed hello')
  expect(await page.textContent('#loaded')).toBe('loaded with hello')
  expect(errors).toEqual([])
})

it('applies a Patch in the browser to the value the page holds', async () => {
  const { page, errors } = await app.open()
  await settled(page)
  await page.click('#grow')
  await page.waitForFunction(() => (document.getElementById('num') as HTMLInputElement).value === '11')
  await page.click('#grow')
  await page.waitForFunction(() => (document.getElementById('num') as HTMLInputElement).value === '21')
  // `title` is unset: "Cannot patch undefined", shown as the callback's error.
  await page.click('#bad')
  await page.waitForSelector('.hd-error')
  expect(await page.textContent('.hd-error strong')).toBe(
    'Callback error updating list.title via clientside function bad'
  )
  expect(await page.textContent('.hd-error p')).toBe('Cannot patch undefined')
  expect(errors.filter((e) => !e.includes('Cannot patch undefined'))).toEqual([])
})
