/**
 * What a user sees over time with concurrent requests: latest wins (R16), waiting for pending inputs
 * (R14) and, unlike Dash, for pending States (fresh State, docs/porting.md), outputs removed while a
 * callback runs (R24).
 */
import { expect, it } from 'vitest'
import { changes, recordChanges, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('./fixtures/timing-app.tsx')).app)
const calls = async () => ({ ...(await import('./fixtures/timing-app.tsx')).calls })

it('latest request wins: three quick clicks end with the third click, whatever the first one took', async () => {
  const { page, errors } = await app.open()
  await recordChanges(page, ['latest'])
  await page.click('#again')
  await page.click('#again')
  await page.click('#again')
  await page.waitForFunction(() => document.getElementById('latest')!.textContent === 'total 3')
  await page.waitForTimeout(1500) // longer than the first click's callback
  await settled(page)
  expect(await page.textContent('#latest')).toBe('total 3')
  const log = await changes(page)
  expect(log.at(-1)!.text).toBe('total 3')
  expect(log.map((c) => c.text)).not.toContain('total 1')
  expect(errors).toEqual([])
})

it('latest request wins across two elements feeding one callback', async () => {
  const { page, errors } = await app.open()
  await page.click('#again') // total 1: slow
  await page.click('#other') // total 2: fast, must not be overwritten by the slow one
  await page.waitForFunction(() => document.getElementById('latest')!.textContent === 'total 2')
  await page.waitForTimeout(1500)
  await settled(page)
  expect(await page.textContent('#latest')).toBe('total 2')
  expect(errors).toEqual([])
})

it('a callback whose input a request in flight may change waits, then runs once with both triggers', async () => {
  const { page, errors } = await app.open()
  const before = await calls()
  await recordChanges(page, ['slow-mid', 'free-out', 'waits', 'stated-out'])
  await page.click('#source') // slow: slow-mid in 2.5 s
  await page.waitForTimeout(100)
  await page.click('#free') // fast: free-out now; `waits` reads slow-mid, so it waits
  await page.click('#stated') // State on slow-mid, in flight: read once it lands (fresh State)
  await page.waitForFunction(() => document.getElementById('waits')!.textContent !== 'waits', null, {
    timeout: 10_000,
  })
  await settled(page, 300)
  const log = await changes(page)
  const order = log.map((c) => c.id)
  expect(order.indexOf('free-out')).toBeLessThan(order.indexOf('slow-mid'))
  expect(order.indexOf('stated-out')).toBeGreaterThan(order.indexOf('slow-mid'))
  expect(log.filter((c) => c.id === 'stated-out')).toHaveLength(1)
  expect(log.filter((c) => c.id === 'waits')).toHaveLength(1)
  expect(order.indexOf('waits')).toBeGreaterThan(order.indexOf('slow-mid'))
  expect(await page.textContent('#stated-out')).toBe('stated 1 saw mid 1')
  expect(await page.textContent('#waits')).toBe('mid 1 + free 1 (free-out.children, slow-mid.children)')
  const after = await calls()
  expect((after['waits'] ?? 0) - (before['waits'] ?? 0)).toBe(1)
  expect((after['stated'] ?? 0) - (before['stated'] ?? 0)).toBe(1)
  expect(errors).toEqual([])
})

it('fresh State: typing in a second input while the echo of the first is in flight shows the fresh echo, once', async () => {
  const { page, errors } = await app.open()
  const before = await calls()
  await recordChanges(page, ['first-out', 'second-out'])
  await page.fill('#first', 'abc') // its echo takes 1.5 s
  await page.fill('#second', 'xyz') // reads first-out as State: waits for the echo
  await page.waitForFunction(() => document.getElementById('second-out')!.textContent !== 'second', null, {
    timeout: 10_000,
  })
  await settled(page, 300)
  expect(await page.textContent('#first-out')).toBe('first says abc')
  expect(await page.textContent('#second-out')).toBe('xyz after first says abc')
  const log = (await changes(page)).map((c) => c.id)
  expect(log).toEqual(['first-out', 'second-out'])
  const after = await calls()
  expect((after['firstOut'] ?? 0) - (before['firstOut'] ?? 0)).toBe(1)
  expect((after['secondOut'] ?? 0) - (before['secondOut'] ?? 0)).toBe(1)
  expect(errors).toEqual([])
})

it('drops the result of a callback whose output left the page while it ran', async () => {
  const { page, errors } = await app.open()
  await page.click('#blocker')
  await page.waitForTimeout(100)
  await page.click('#chapter')
  await page.waitForFunction(() => document.getElementById('book')!.textContent === 'Chapter 2')
  await page.waitForTimeout(1300)
  await settled(page)
  expect(await page.textContent('#book')).toBe('Chapter 2')
  expect(await page.$('#blocker-output')).toBe(null)
  expect(errors).toEqual([])
})
