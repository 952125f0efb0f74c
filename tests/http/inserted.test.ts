/**
 * @module inserted.test
 * The seed's prevent_initial_call and inserted components example (R20–R21), over HTTP: the first
 * page already holds the inserted input; `update_layout_div` ran for it (its output was on the page)
 * and `update_output` did not (its output came in with its input). Typing then updates both.
 */
import { beforeAll, expect, it, vi } from 'vitest'
import type { HyperApp } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'

process.env['HYPERDASH_SECRET'] = 'http-inserted-test-secret-0123456789'
let app: HyperApp
const logs: string[] = []
beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')))
  app = (await import('../../examples/prevent-initial-inserted.tsx')).app
})

it('inserts the input in the first page, and fires only the callback whose output was already there', async () => {
  logs.length = 0
  const page = await renderPage(app)
  expect(logs).toEqual(['>>> update_layout_div'])
  expect(page.value('input')).toBe('hello world')
  expect(page.text('layout-div')).toBe('hello world')
  expect(page.text('output')).toBe('')
  expect(page.components['input']).toMatchObject({ kind: 'dcc.Input', parent: 'content' })
  expect(page.components['output']).toMatchObject({ kind: 'div', parent: 'content' })
})

it('updates both outputs when the inserted input changes, each callback once', async () => {
  const page = await renderPage(app)
  logs.length = 0
  const res = await page.fill('input', 'hello there')
  expect(logs.sort()).toEqual(['>>> update_layout_div', '>>> update_output'])
  expect(res.request.changed).toEqual(['input.value'])
  expect(res.fragments).toEqual([
    { swap: 'children', id: 'output', cbs: [1], html: 'hello there' },
    { swap: 'children', id: 'layout-div', cbs: [2], html: 'hello there' },
  ])
  expect([page.text('output'), page.text('layout-div')]).toEqual(['hello there', 'hello there'])
})

it('keeps the inserted components live across events', async () => {
  const page = await renderPage(app)
  await page.fill('input', 'one')
  await page.fill('input', 'two')
  expect([page.text('output'), page.text('layout-div')]).toEqual(['two', 'two'])
})
