/**
 * @module dropdown.test
 * dcc.Dropdown over HTTP: what the page renders (a native select; the combobox beside it when
 * searchable or multi), a change → the callback's output, values mapped back to the options' own
 * (numbers stay numbers), anything outside the options refused with a 422, and `search_value` as an
 * Input whose callback re-renders the options.
 */
import { describe, expect, it, vi } from 'vitest'
import { createApp, Input, Output } from '../../src/index.ts'
import { renderPage } from '../../src/testing.ts'
import { dcc } from '../../views/components/index.ts'
import { dropdownApp } from '../browser/fixtures/dropdown-app.tsx'

vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1) })
const secret = 'http-dropdown-test-secret-0123456789'

/** The markup of component `id` without its live attributes (state, signature, htmx). */
const markup = (html: string) =>
  html.replace(/ (hx-[\w-]+|hd-[\w-]+|data-hd(-sig)?|data-htmx-powered)="[^"]*"/g, '')

describe('rendering', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <dcc.Dropdown id="plain" searchable={false} options={['a', { label: 'B', value: 2 }]} value={2} />
        <dcc.Dropdown
          id="fixed"
          searchable={false}
          clearable={false}
          options={{ x: 'Ex', y: 'Why' }}
          value="y"
        />
        <dcc.Dropdown id="many" multi options={[1, 2, 3]} value={[3, 9]} placeholder="Pick" disabled />
      </div>
    ),
  })

  it('single and not searchable: a native select, with an empty option when clearable', async () => {
    const page = await renderPage(app)
    expect(markup(page.outerHTML('plain'))).toBe(
      '<div id="plain" class="hd-dropdown" data-clearable="true"><select class="hd-dropdown-native" aria-label="Select...">' +
        '<option value="">Select...</option><option value="a">a</option><option value="2" selected="">B</option></select></div>'
    )
    expect(page.value('plain')).toBe('2')
  })

  it('not clearable: no empty option; an object of options maps values to labels', async () => {
    const page = await renderPage(app)
    expect(markup(page.outerHTML('fixed'))).toBe(
      '<div id="fixed" class="hd-dropdown" data-clearable="false"><select class="hd-dropdown-native" aria-label="Select...">' +
        '<option value="x">Ex</option><option value="y" selected="">Why</option></select></div>'
    )
  })

  it('multi: a multiple select and the combobox; a value that is not an option is not shown', async () => {
    const page = await renderPage(app)
    expect(markup(page.outerHTML('many'))).toMatchInlineSnapshot(
      `"<div id="many" class="hd-dropdown hd-dropdown-combo hd-dropdown-multi" data-clearable="true"><select class="hd-dropdown-native" multiple="" disabled="" aria-label="Pick"><option value="1">1</option><option value="2">2</option><option value="3" selected="">3</option></select><div class="hd-dropdown-ui"><div class="hd-dropdown-control"><ul class="hd-dropdown-chips" aria-label="Selected"><li class="hd-dropdown-chip" data-value="3"><span class="hd-dropdown-chip-label">3</span><button type="button" class="hd-dropdown-chip-remove" aria-label="Remove 3" disabled="">×</button></li></ul><input id="many--input" class="hd-dropdown-input" type="text" role="combobox" aria-label="Pick" aria-expanded="false" aria-controls="many--listbox" aria-autocomplete="list" autocomplete="off" spellcheck="false" disabled="" data-placeholder="Pick"><button type="button" class="hd-dropdown-clear" aria-label="Clear selection" disabled="">×</button><span class="hd-dropdown-caret" aria-hidden="true"></span></div><ul id="many--listbox" class="hd-dropdown-listbox" role="listbox" aria-label="Pick" aria-multiselectable="true" hidden=""><li id="many--option-0" class="hd-dropdown-option" role="option" data-value="1" aria-selected="false">1</li><li id="many--option-1" class="hd-dropdown-option" role="option" data-value="2" aria-selected="false">2</li><li id="many--option-2" class="hd-dropdown-option" role="option" data-value="3" aria-selected="true">3</li></ul><div class="hd-dropdown-empty" hidden="">No options found</div></div></div>"`
    )
    expect(page.value('many')).toEqual(['3'])
  })
})

describe('callbacks', () => {
  const app = dropdownApp()

  it('a pick → the output, in one request', async () => {
    const page = await renderPage(app)
    expect(page.text('single-out')).toBe('single: Montréal')
    const res = await page.fill('single', 'San Francisco')
    expect(res.request.changed).toEqual(['single.value'])
    expect(res.fragments).toEqual([
      { swap: 'children', id: 'single-out', cbs: [0], html: 'single: San Francisco' },
    ])
  })

  it('emptied (the empty option) → null', async () => {
    const page = await renderPage(app)
    await page.fill('single', '')
    expect(page.text('single-out')).toBe('single: null')
  })

  it('multi: the strings the browser sends become the options’ numbers', async () => {
    const page = await renderPage(app)
    expect(page.text('multi-out')).toBe('[1]')
    await page.fill('multi', ['3', '1'])
    expect(page.text('multi-out')).toBe('[1,3]')
    await page.fill('multi', [])
    expect(page.text('multi-out')).toBe('[]')
  })

  it.each([
    ['single', 'Lyon', "'Lyon' is not one of the options"],
    ['single', ['Montréal'], 'Invalid input: expected string, received array'],
    ['multi', ['1', '7'], "'7' is not one of the options"],
    ['multi', '1', 'Invalid input: expected array, received string'],
    ['native', 'z', "'z' is not one of the options"],
  ])('%s: refuses %j with 422', async (id, value, why) => {
    const page = await renderPage(app)
    const body = await page.prepare({
      id,
      value: id === 'multi' ? ['1'] : id === 'native' ? 'b' : 'Montréal',
    })
    body.components[id]!.values!['value'] = value
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([422, `Invalid value for '${id}.value': ${why}`])
  })

  it('search_value is an Input: its callback re-renders the options, keeping the value and the text', async () => {
    const page = await renderPage(app)
    expect(page.attr('server', 'hd-t')).toBe('value:change search_value:hd-dropdown-search')
    expect(page.attr('server', 'hx-trigger')).toBe('change, hd-dropdown-search')
    // Written as the dropdown's own search event would send it: from the whole page.
    const body = await page.prepare({ id: 'single', value: 'New York City' }, { wholePage: true })
    body.changed = ['server.search_value']
    body.components['server']!.values = { value: 'Berlin', search_value: 'san' }
    const res = await page.send(body)
    expect(res.status).toBe(200)
    expect(res.fragments.map((f) => [f.swap, 'id' in f ? f.id : null])).toEqual([
      ['morph', 'server'],
      ['children', 'search-seen'],
    ])
    expect(page.text('search-seen')).toBe('searched: san')
    const options = [...page.outerHTML('server').matchAll(/role="option" data-value="([^"]+)"/g)].map(
      (m) => m[1]
    )
    expect(options).toEqual(['Berlin', 'San Diego', 'San Francisco', 'Santiago'])
    expect(page.outerHTML('server')).toContain('value="san"')
    expect(page.value('server')).toBe('Berlin')
  })

  it('a search_value that is not text is refused', async () => {
    const page = await renderPage(app)
    // Written as the dropdown's own search event would send it: from the whole page.
    const body = await page.prepare({ id: 'single', value: 'New York City' }, { wholePage: true })
    body.changed = ['server.search_value']
    body.components['server']!.values = { value: '', search_value: 5 }
    const res = await page.send(body)
    expect([res.status, res.html]).toEqual([
      422,
      "Invalid value for 'server.search_value': Invalid input: expected string, received number",
    ])
  })
})

describe('options set by a callback', () => {
  const app = createApp({
    secret,
    layout: (
      <div>
        <button id="go">go</button>
        <dcc.Dropdown id="dd" options={['a']} value="a" />
      </div>
    ),
  })
  app.callback(Output('dd', 'options'), [Input('go', 'n_clicks')], (n) =>
    n === 2 ? ([{ nope: 1 }, 'c'] as never) : n ? ['a', 'b'] : ['a']
  )

  it('re-renders the component with them; options its schema refuses are an error naming dd.options', async () => {
    const page = await renderPage(app)
    const ok = await page.click('go')
    expect(ok.fragments.map((f) => f.swap)).toEqual(['morph'])
    expect(page.value('dd')).toBe('a')
    expect(page.outerHTML('dd')).toContain('<option value="b">b</option>')
    // A bad option list fails the callback: the page keeps what it showed, the error names the prop.
    const odd = await page.click('go')
    expect(odd.status).toBe(200)
    expect(odd.fragments.map((f) => f.swap)).toEqual(['error'])
    expect(page.text('hd-errors')).toContain('dd.options')
    expect(page.outerHTML('dd')).toContain('<option value="b">b</option>')
  })
})
