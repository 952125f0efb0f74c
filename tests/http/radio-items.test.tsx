/**
 * @module radio-items.test
 * dcc.RadioItems over HTTP: a radio group sharing one name, a change → the output, option values
 * mapped back (numbers stay numbers), a value outside the options refused with a 422.
 */
import { expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })

const app = createApp({
  secret: 'http-radio-items-test-secret-0123456789',
  layout: (
    <div>
      <dcc.RadioItems
        id="size"
        options={[
          { label: 'Small', value: 1 },
          { label: 'Large', value: 2 },
          { label: 'Huge', value: 3, disabled: true },
        ]}
        value={1}
        inline
        labelClassName="lbl"
        inputClassName="in"
        labelStyle={{ color: 'teal' }}
      />
      <dcc.RadioItems id="none" options={['x', 'y']} />
      <p id="out" />
    </div>
  ),
})
app.callback(Output('out', 'children'), [Input('size', 'value')], (v) => `${typeof v} ${v}`)

const markup = (html: string) =>
  html.replace(/ (hx-[\w-]+|hd-[\w-]+|data-hd(-sig)?|data-htmx-powered)="[^"]*"/g, '')

it('renders a radiogroup of native radios sharing one name: the form field of its value (the component’s id when not live)', async () => {
  const page = await renderPage(app)
  expect(markup(page.outerHTML('size'))).toBe(
    '<div id="size" role="radiogroup" class="hd-radioitems hd-inline">' +
      '<label class="lbl" style="color:teal"><input type="radio" name="hd:size.value" form="hd-app-form" value="1" checked="" class="in">Small</label>' +
      '<label class="lbl" style="color:teal"><input type="radio" name="hd:size.value" form="hd-app-form" value="2" class="in">Large</label>' +
      '<label class="lbl" style="color:teal"><input type="radio" name="hd:size.value" form="hd-app-form" value="3" disabled="" class="in">Huge</label></div>'
  )
  expect(page.value('size')).toBe('1')
  expect(page.outerHTML('none')).toContain('<input type="radio" name="none" value="y">')
})

it('a change → the output, with the option’s own value (a number)', async () => {
  const page = await renderPage(app)
  expect(page.text('out')).toBe('number 1')
  const res = await page.fill('size', '2')
  expect(res.request.changed).toEqual(['size.value'])
  expect(res.fragments).toEqual([{ swap: 'children', id: 'out', cbs: [0], html: 'number 2' }])
})

it.each([
  ['4', "'4' is not one of the options"],
  [2, 'Invalid input: expected string, received number'],
  [['1'], 'Invalid input: expected string, received array'],
])('refuses %j with 422', async (value, why) => {
  const page = await renderPage(app)
  const body = await page.prepare({ id: 'size', value: '2' })
  body.components['size']!.values!['value'] = value
  const res = await page.send(body)
  expect([res.status, res.html]).toEqual([422, `Invalid value for 'size.value': ${why}`])
})
