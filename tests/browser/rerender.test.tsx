/**
 * A callback that changes a dcc component's other props (max, disabled) re-renders it; what the user
 * entered stays, even when no callback reads the value.
 */
import { expect, it } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { dcc } from '../../views/components/index.ts'
import { settled, useApp } from './harness.ts'

const app = useApp(async () => {
  const app = createApp({
    layout: (
      <div>
        <dcc.Slider id="level" min={0} max={10} value={3} />
        <dcc.Input id="name" value="" />
        <button id="widen">widen</button>
      </div>
    ),
  })
  app.callback([Output('level', 'max'), Output('name', 'disabled')], [Input('widen', 'n_clicks')], (n) =>
    n ? [50, true] : [10, false]
  )
  return app
})

it('keeps the slider position and the typed text when a callback re-renders the components', async () => {
  const { page, errors } = await app.open()
  await page.focus('#level input[type=range]')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.fill('#name', 'typed by hand')
  await page.click('#widen')
  await page.waitForFunction(() => (document.getElementById('name') as HTMLInputElement).disabled)
  await settled(page)
  expect(await page.getAttribute('#level input[type=range]', 'max')).toBe('50')
  expect(await page.inputValue('#level input[type=range]')).toBe('5')
  expect(await page.inputValue('#name')).toBe('typed by hand')
  expect(errors).toEqual([])
})
