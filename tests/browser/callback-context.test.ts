import { expect, it } from 'vitest'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/callback-context.tsx')).app)

const row = (page: import('playwright-core').Page) =>
  page.$$eval('#container tr:nth-child(2) td', (tds) => tds.map((td) => td.textContent))

it('tells which button fired, and shows the context as JSON', async () => {
  const { page, errors } = await app.open()
  expect(await row(page)).toEqual(['0', '0', '0', 'No clicks yet'])
  const initial = JSON.parse((await page.textContent('#container pre'))!)
  expect(initial.triggered).toEqual([{ prop_id: '.', value: null }])
  expect(initial.triggered_id).toBe(null)
  expect(initial.inputs).toEqual({ 'btn-1.n_clicks': 0, 'btn-2.n_clicks': 0, 'btn-3.n_clicks': 0 })

  await page.click('#btn-2')
  await page.waitForFunction(
    () => document.querySelector('#container td:nth-child(4)')?.textContent === 'btn-2'
  )
  expect(await row(page)).toEqual(['0', '1', '0', 'btn-2'])
  let json = JSON.parse((await page.textContent('#container pre'))!)
  expect(json.triggered).toEqual([{ prop_id: 'btn-2.n_clicks', value: 1 }])
  expect(json.triggered_id).toBe('btn-2')
  expect(json.triggered_prop_ids).toEqual({ 'btn-2.n_clicks': 'btn-2' })

  await page.click('#btn-3')
  await page.click('#btn-3')
  await page.waitForFunction(() => document.querySelector('#container td:nth-child(3)')?.textContent === '2')
  await settled(page)
  expect(await row(page)).toEqual(['0', '1', '2', 'btn-3'])
  json = JSON.parse((await page.textContent('#container pre'))!)
  expect(json.inputs).toEqual({ 'btn-1.n_clicks': 0, 'btn-2.n_clicks': 1, 'btn-3.n_clicks': 2 })
  expect(errors).toEqual([])
})
