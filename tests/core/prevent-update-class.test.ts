import { expect, it } from 'vitest'
import { Input, Output } from '../../src/core/dependency.ts'
import { PreventUpdate } from '../../src/core/sentinels.ts'
import { h, statuses, TestApp } from './harness.ts'

it('treats `throw PreventUpdate` (the class, as in Python) like an instance: nothing changes (R27)', async () => {
  const app = new TestApp()
  app.callback('guard', Output('out', 'children'), Input('btn', 'n_clicks'), [], (n) => {
    if (n == null) throw PreventUpdate
    return `clicked ${n}`
  })
  const { page, outcome } = await app.load(
    h('div', {}, h('button', { id: 'btn' }), h('div', { id: 'out' }, 'init'))
  )
  expect(statuses(outcome)).toEqual([['guard', 'prevented']])
  expect(page.value('out.children')).toBe('init')
  await app.click(page, 'btn')
  expect(page.value('out.children')).toBe('clicked 1')
})
