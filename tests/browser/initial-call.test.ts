import { expect, it } from 'vitest'
import { countUpdates, settled, useApp } from './harness.ts'

const app = useApp(async () => (await import('../../examples/initial-call.tsx')).app)

it('shows the initial call result in the first HTML, with no request after load', async () => {
  const html = await (await fetch(app.url() + '/')).text()
  expect(html).toContain('>n_clicks is None</div>')
  expect(html).not.toContain('callback not executed')
  const { page, errors } = await app.open()
  const updates = countUpdates(page)
  await settled(page)
  expect(updates.n).toBe(0)
  expect(await page.textContent('#first_output_1')).toBe('n_clicks is None')
  expect(await page.textContent('#second_output_1')).toBe('n_clicks is None')
  await page.click('#button_1')
  await page.waitForFunction(
    () => document.getElementById('second_output_1')!.textContent === 'n_clicks is 1'
  )
  expect(await page.textContent('#first_output_1')).toBe('n_clicks is 1')
  expect(updates.n).toBe(1)
  expect(errors).toEqual([])
})
